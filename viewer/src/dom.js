// Building DOM nodes safely: every string becomes a text node (never parsed as HTML).

/**
 * Create an element. `attrs` keys: `class`, `text`, `on<event>` handlers, `dataset`,
 * `style` (object), anything else goes through setAttribute. Children may be nodes,
 * strings (inserted as text) or null/false (skipped), or arrays of those.
 * @param {string} tag
 * @param {Record<string, any>} [attrs]
 * @param {...any} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Create an SVG element, with the same rules as `h`. */
export function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.setAttribute('class', v);
    else if (k === 'text') el.textContent = String(v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'style' && typeof v === 'object') Object.assign(el.style, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** The page's element with this id. */
export const $ = (id) => document.getElementById(id);

/** Replace all children of `el`. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A link to a source outside the viewer: opened only on the reader's click, without referrer. */
export function externalLink(url, text) {
  let safe = null;
  try {
    const u = new URL(url);
    if (u.protocol === 'https:' || u.protocol === 'http:') safe = u.href;
  } catch { /* not a URL: shown as text */ }
  if (!safe) return h('span', { text });
  return h('a', { href: safe, target: '_blank', rel: 'noopener noreferrer external', referrerpolicy: 'no-referrer', text });
}
