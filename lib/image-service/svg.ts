/**
 * SVG uploads are sanitized once, here, then stored and served as they are. The serving origin's `sandbox` CSP is a
 * second line only: a stored file can be opened directly, proxied, or copied elsewhere.
 */
import createDOMPurify, { type DOMPurify } from 'dompurify';
import { JSDOM } from 'jsdom';
// Relative, not `@/`: this module also runs in the SVG worker thread, loaded by tsx (svg-worker-entry.mjs)
// outside the bundler's and Vitest's alias resolution.
import { svgIntrinsicSize } from '../cloudflare-images/svg-size';

export type SvgResult =
  | { ok: true; svg: Buffer; width: number | null; height: number | null }
  | { ok: false; reason: string };

const SVG_NS = 'http://www.w3.org/2000/svg';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
const PARSER_ERROR_NS = 'http://www.mozilla.org/newlayout/xml/parsererror.xml';
/** Animations that name the attribute they rewrite (`<animateMotion>` names none). */
const ANIMATIONS = new Set(['animate', 'set', 'animatecolor', 'animatetransform']);
const DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp);base64,[a-z0-9+/=\s]*$/i;
/**
 * jsdom spends ~50 µs per element, more the deeper it sits (10,000 nested `<g>`, 70 KB, take ~10 s to parse), and
 * all of it blocks the event loop. Both are bounded on the raw text before parsing; real drawings stay far below.
 */
const MAX_DEPTH = 128;
const MAX_ELEMENTS = 20_000;

type Env = { window: JSDOM['window']; purify: DOMPurify };
let env: Env | undefined;
/** One window per process: `new JSDOM()` costs ~80 ms, and sanitizing is synchronous, so sharing is safe. */
function getEnv(): Env {
  if (!env) {
    const { window } = new JSDOM('');
    env = { window, purify: createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]) };
  }
  return env;
}

/** Builds the window ahead of the first file (the worker does this while the service starts). */
export function warmSvgSanitizer(): void {
  getEnv();
}

const fail = (reason: string): SvgResult => ({ ok: false, reason });

function tooComplex(text: string): string | null {
  let depth = 0;
  let elements = 0;
  for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
    const end = text.startsWith('<!--', i)
      ? '-->'
      : text.startsWith('<![CDATA[', i)
        ? ']]>'
        : text.startsWith('<?', i)
          ? '?>'
          : '';
    if (end) i = text.indexOf(end, i);
    if (i < 0) return null; // unterminated: the parser refuses it
    if (text[i + 1] === '/') depth--;
    if (end || text[i + 1] === '!' || text[i + 1] === '/') continue;
    // A tag ends at the first '>' outside quotes. Markup never holds a raw '<', so stopping there keeps this linear.
    let j = i + 1;
    for (let quote = ''; j < text.length && text[j] !== '<' && (quote || text[j] !== '>'); j++) {
      if (text[j] === quote) quote = '';
      else if (!quote && (text[j] === '"' || text[j] === "'")) quote = text[j] ?? '';
    }
    if (++elements > MAX_ELEMENTS) return `The SVG has more than ${MAX_ELEMENTS} elements.`;
    if (text[j - 1] !== '/' && ++depth > MAX_DEPTH) return `The SVG nests elements more than ${MAX_DEPTH} levels deep.`;
    i = j - 1;
  }
  return null;
}

/** jsdom reports a well-formedness error as a `<parsererror>` document, as Firefox does. */
function parseXml(window: Env['window'], text: string): Element | null {
  const root = new window.DOMParser().parseFromString(text, 'image/svg+xml').documentElement;
  return root.namespaceURI === PARSER_ERROR_NS ? null : root;
}

/**
 * Copies the parsed tree for DOMPurify, which matches qualified names: a prefixed `<svg:rect>` would go as unknown
 * (and Inkscape's `xmlns:svg` makes jsdom's serializer write `<svg:svg>`). So SVG elements lose their prefix; under
 * a root `<svg>` without namespace, unnamespaced elements join SVG's; CDATA becomes text (DOMPurify drops CDATA
 * sections, emptying the `<style><![CDATA[...]]></style>` that editors write); comments and PIs go.
 */
function copyTree(window: Env['window'], doc: Document, node: Node, nullIsSvg: boolean): Node | null {
  const { ELEMENT_NODE, TEXT_NODE, CDATA_SECTION_NODE } = window.Node;
  if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE)
    return doc.createTextNode(node.textContent ?? '');
  if (node.nodeType !== ELEMENT_NODE) return null;
  const el = node as Element;
  const ns = el.namespaceURI ?? (nullIsSvg ? SVG_NS : null);
  const copy = doc.createElementNS(ns, ns === SVG_NS ? el.localName : el.nodeName);
  for (const a of Array.from(el.attributes)) {
    // Other declarations stay, or the serializer would write `ns1:href` for `xlink:href`.
    if (a.namespaceURI !== XMLNS_NS || a.value !== SVG_NS) copy.setAttributeNS(a.namespaceURI, a.name, a.value);
  }
  for (const child of Array.from(el.childNodes)) {
    const c = copyTree(window, doc, child, nullIsSvg);
    if (c) copy.appendChild(c);
  }
  return copy;
}

/**
 * CSS that fetches something or runs script. Comments and escapes (`@im/**\/port`, `u\72l(`) are undone first, as
 * the CSS tokenizer would; dropping comments can only reveal matches, never hide one. `image()`, `image-set()`,
 * `cross-fade()` and `src()` take bare strings as URLs. A space before `(` makes no function, hence none in the patterns.
 */
function unsafeCss(css: string): boolean {
  const s = css
    .replace(/\/\*[\s\S]*?(?:\*\/|$)/g, '')
    .replace(/\\([0-9a-f]{1,6})[ \t\n\r\f]?|\\([\s\S])/gi, (_m, hex: string | undefined, ch: string | undefined) =>
      hex === undefined ? (ch ?? '') : String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff)),
    )
    .toLowerCase();
  if (/@import|javascript:|(?:expression|image|image-set|cross-fade|src)\(/.test(s)) return true;
  for (const m of s.matchAll(/url\(\s*['"]?\s*([^\s'"])/g)) if (m[1] !== '#') return true;
  return /url\(\s*['"]?\s*$/.test(s);
}

/** SMIL rewrites attributes after we have checked them: href (links, `<use>`) and on* (script) are off limits. */
function unsafeElement(el: Element): boolean {
  const name = el.localName.toLowerCase();
  if (name === 'style') return unsafeCss(el.textContent ?? '');
  // A prefixed target (xlink:href) fails the pattern, and so does a missing one: DOMPurify strips any mentioning href.
  const target = (el.getAttribute('attributeName') ?? '').trim().toLowerCase();
  return ANIMATIONS.has(name) && (!/^[a-z][a-z0-9-]*$/.test(target) || target === 'href' || target.startsWith('on'));
}

/**
 * Our rules on top of DOMPurify's allowlist, which lets through http(s) links, external `<use>`, CSS `url()` and
 * `@import`, none of which an image needs. Names compare case-insensitively, as DOMPurify's do (see below).
 */
function enforcePolicy(el: Element): void {
  const isImage = el.localName.toLowerCase() === 'image';
  for (const attr of Array.from(el.attributes)) {
    const name = attr.localName.toLowerCase(); // any prefix: xlink:href, or the same namespace under another name
    const value = attr.value.trim();
    const badHref = name === 'href' && !value.startsWith('#') && !(isImage && DATA_IMAGE.test(value));
    if (badHref || name.startsWith('on') || unsafeCss(value)) el.removeAttributeNode(attr);
  }
  // Recursion, not getElementsByTagName('*'), which is ~100x slower in jsdom; depth is bounded by MAX_DEPTH.
  for (let child = el.firstElementChild, next: Element | null; child; child = next) {
    next = child.nextElementSibling;
    if (unsafeElement(child)) child.remove();
    else enforcePolicy(child);
  }
}

/** The caller enforces the upload size limit (MAX_SVG_BYTES) before calling. */
export function sanitizeSvg(input: Buffer): SvgResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(input); // drops a UTF-8 BOM too
  } catch {
    return fail('The SVG is not valid UTF-8 text.');
  }
  const declared = /^<\?xml\s[^>]*?encoding\s*=\s*["']([^"']*)["']/.exec(text)?.[1]?.toLowerCase();
  if (declared !== undefined && declared !== 'utf-8' && declared !== 'utf8')
    return fail('The SVG declares an encoding other than UTF-8.');
  // jsdom's XML parser expands internal entities, so XXE and billion laughs must be stopped before it runs.
  if (/<!ENTITY/i.test(text) || /<!DOCTYPE[^>]*\[/i.test(text))
    return fail('The SVG has a DOCTYPE with declarations, which is not allowed.');
  const complex = tooComplex(text);
  if (complex) return fail(complex);
  try {
    const { window, purify } = getEnv();
    const root = parseXml(window, text);
    if (!root) return fail('The SVG could not be parsed as XML.');
    // A root <svg> without xmlns is kept and moved into the SVG namespace by copyTree: it is plainly meant as SVG
    // (hand-written, or copied out of HTML), and no browser would render it as it is. Copying the root alone drops
    // the prolog: XML declaration, DOCTYPE, `<?xml-stylesheet?>`.
    if (root.localName !== 'svg' || (root.namespaceURI !== SVG_NS && root.namespaceURI !== null))
      return fail('The file is not an SVG: its root element must be <svg>.');
    const copy = copyTree(window, root.ownerDocument, root, root.namespaceURI === null);
    // With NAMESPACE SVG and a node, DOMPurify works in an SVG-namespace XML document whatever PARSER_MEDIA_TYPE
    // says; that only picks case-sensitive ('application/xhtml+xml') or lower-cased lookups in its allowlist, which
    // is lower-case ('lineargradient', 'viewbox'): case-sensitive would drop every camelCase SVG name.
    const holder = purify.sanitize(copy ?? '', {
      USE_PROFILES: { svg: true, svgFilters: true },
      NAMESPACE: SVG_NS,
      PARSER_MEDIA_TYPE: 'text/html',
      RETURN_DOM: true,
      // Guards against DOM clobbering in a host page; a standalone SVG has none, and it would drop id="title" or "fonts".
      SANITIZE_DOM: false,
      // DOMPurify bans these outright; enforcePolicy removes their dangerous uses (external or script targets).
      ADD_TAGS: ['use', 'animate', 'set'],
      ADD_ATTR: ['from', 'to', 'by'],
    });
    const svg = holder.firstElementChild;
    if (!svg || svg.nextElementSibling || svg.localName !== 'svg' || svg.namespaceURI !== SVG_NS)
      return fail('The SVG has no usable content after sanitizing.');
    enforcePolicy(svg);
    const out = new window.XMLSerializer().serializeToString(svg);
    const check = parseXml(window, out);
    if (check?.localName !== 'svg' || check.namespaceURI !== SVG_NS)
      return fail('The SVG could not be sanitized into well-formed SVG.');
    const size = svgIntrinsicSize({
      width: check.getAttribute('width'),
      height: check.getAttribute('height'),
      viewBox: check.getAttribute('viewBox'),
    });
    return { ok: true, svg: Buffer.from(out, 'utf8'), ...size };
  } catch {
    return fail('The SVG could not be processed.'); // jsdom failing on input it should have accepted or refused
  }
}
