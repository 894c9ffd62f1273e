// Development aid: screenshots of the viewer, one per URL hash, at desktop (and phone) size.
// Usage: node test/shoot.mjs [--phone] HASH... (uses FRONTLINE_BIN like the tests)
import { freshDatabase, startServer, launchBrowser, waitForMap, artifactPath } from './harness.mjs';

const args = process.argv.slice(2);
const phone = args.includes('--phone');
const hashes = args.filter((a) => a !== '--phone');
if (!hashes.length) hashes.push('date=2017-12-13');
const db = freshDatabase();
const server = await startServer(db.db);
const { context, close } = await launchBrowser(phone ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 } : { viewport: { width: 1440, height: 900 } });
try {
  let i = 0;
  for (const hash of hashes) {
    const page = await context.newPage();
    page.on('pageerror', (e) => console.log(`pageerror: ${e.message}`));
    await page.goto(`${server.url}/#${hash}`);
    await waitForMap(page);
    await page.waitForTimeout(800);
    if (hash.includes('_scroll')) await page.evaluate(() => { const b = document.querySelector('.tab-bodies'); b.scrollTop = b.scrollHeight; });
    const file = artifactPath(`dev-${phone ? 'phone' : 'desktop'}-${i++}.png`);
    await page.screenshot({ path: file });
    console.log(file);
    await page.close();
  }
} finally {
  await close();
  server.stop();
  db.cleanup();
}
