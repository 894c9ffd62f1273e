// Development aid: screenshots of the viewer at desktop and phone size.
// Usage: node test/shoot.mjs [hash] (uses FRONTLINE_BIN like the tests)
import { freshDatabase, startServer, launchBrowser, waitForMap, artifactPath } from './harness.mjs';

const hash = process.argv[2] || 'date=2017-12-13';
const db = freshDatabase();
const server = await startServer(db.db);
try {
  for (const [name, viewport] of [['desktop', { width: 1440, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
    const { context, close } = await launchBrowser({ viewport, deviceScaleFactor: name === 'phone' ? 2 : 1 });
    const page = await context.newPage();
    page.on('console', (m) => console.log(`[${name}] ${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => console.log(`[${name}] pageerror: ${e.message}`));
    await page.goto(`${server.url}/#${hash}`);
    await waitForMap(page);
    await page.screenshot({ path: artifactPath(`dev-${name}.png`) });
    await close();
  }
} finally {
  server.stop();
  db.cleanup();
}
