// The same-origin API of `frontline serve`. Every request is relative to the page, so the
// viewer never talks to anyone but the server that served it.

const cache = new Map();
const CACHE_SIZE = 64;

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** The URL of an API path with query parameters (null/undefined values are left out). */
export function apiUrl(path, params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  }
  const qs = q.toString();
  return `${path.replace(/^\//, '')}${qs ? `?${qs}` : ''}`;
}

/**
 * GET a JSON document, cached by URL. Errors in the `{error:{code,message}}` shape
 * become `ApiError`s.
 * @param {string} path
 * @param {Record<string, any>} [params]
 * @param {{signal?: AbortSignal}} [opts]
 */
export async function get(path, params = {}, opts = {}) {
  const url = apiUrl(path, params);
  if (cache.has(url)) {
    const hit = cache.get(url);
    cache.delete(url);
    cache.set(url, hit);
    return hit;
  }
  const res = await fetch(url, { signal: opts.signal, credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!res.ok) {
    let code = 'http_' + res.status;
    let message = res.statusText;
    try {
      const body = await res.json();
      if (body && body.error) ({ code, message } = body.error);
    } catch { /* not JSON */ }
    throw new ApiError(res.status, code, message);
  }
  const body = await res.json();
  cache.set(url, body);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value);
  return body;
}
