/**
 * SVG ingest: uploaded SVGs are sanitized once here, then stored and served byte for byte (never rasterized).
 * They are served from a separate origin under a `sandbox` CSP, but this must hold without that header, since
 * a stored file can be opened directly, proxied or copied elsewhere.
 */
import createDOMPurify, { type DOMPurify } from 'dompurify';
import { JSDOM } from 'jsdom';

export type SvgResult =
  | { ok: true; svg: Buffer; width: number | null; height: number | null }
  | { ok: false; reason: string };

const SVG_NS = 'http://www.w3.org/2000/svg';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const PARSER_ERROR_NS = 'http://www.mozilla.org/newlayout/xml/parsererror.xml';
/** Animations that name their target attribute (`<animateMotion>` has none to abuse). */
const ANIMATIONS = new Set(['animate', 'set', 'animatecolor', 'animatetransform']);
const DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp);base64,[a-z0-9+/=\s]*$/i;

type Env = { window: JSDOM['window']; purify: DOMPurify };
let env: Env | undefined;
/** One window for the process: `new JSDOM()` costs ~80 ms, and sanitizing is synchronous, so sharing is safe. */
function getEnv(): Env {
  env ??= (() => {
    const { window } = new JSDOM('');
    return { window, purify: createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]) };
  })();
  return env;
}

const fail = (reason: string): SvgResult => ({ ok: false, reason });

/** Parses XML; null when not well-formed (jsdom reports errors as a `<parsererror>` document, like Firefox). */
function parseXml(window: Env['window'], text: string): XMLDocument | null {
  const doc = new window.DOMParser().parseFromString(text, 'image/svg+xml');
  const root = doc.documentElement;
  if (!root || doc.getElementsByTagNameNS(PARSER_ERROR_NS, 'parsererror').length > 0) return null;
  return doc;
}

/**
 * CSS that can fetch something or run script. CSS escapes (`u\72l(`) and comments (`@im/**\/port`) are undone first,
 * since the CSS tokenizer undoes them too; removing comments can only turn up more matches, never hide one.
 * `image()`, `image-set()`, `cross-fade()` and `src()` take bare strings as URLs, so `url(` alone is not enough.
 */
function unsafeCss(css: string): boolean {
  const s = css
    .replace(/\/\*[\s\S]*?(?:\*\/|$)/g, '')
    .replace(/\\([0-9a-f]{1,6})[ \t\n\r\f]?|\\([\s\S])/gi, (_m, hex: string | undefined, ch: string | undefined) =>
      hex === undefined ? (ch ?? '') : String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff)),
    )
    .toLowerCase();
  if (/@import|expression\s*\(|javascript:|(?:image|image-set|cross-fade|src)\s*\(/.test(s)) return true;
  for (const m of s.matchAll(/url\s*\(\s*['"]?\s*([^\s'"])/g)) if (m[1] !== '#') return true;
  return /url\s*\(\s*['"]?\s*$/.test(s);
}

/**
 * Our policy on top of DOMPurify's allowlist: DOMPurify lets through http(s) links, external `<use>`, CSS
 * `url()` and `@import`, none of which an image needs. Names compare case-insensitively because DOMPurify's
 * allowlist does (see below); in XML a differently-cased name is inert anyway, so this only errs towards removal.
 */
function enforcePolicy(el: Element): void {
  const name = el.localName.toLowerCase();
  for (const attr of Array.from(el.attributes)) {
    const local = attr.localName.toLowerCase();
    const value = attr.value.trim();
    const bad =
      local.startsWith('on') ||
      (attr.namespaceURI === XML_NS && local === 'base') ||
      (local === 'href' && !value.startsWith('#') && !(name === 'image' && DATA_IMAGE.test(value))) ||
      unsafeCss(value);
    if (bad) el.removeAttributeNode(attr);
  }
  // Recursion rather than getElementsByTagName('*'), which is ~100x slower in jsdom; too deep a tree throws, and is refused.
  for (let child = el.firstElementChild; child; ) {
    const next = child.nextElementSibling;
    if (unsafeElement(child)) child.remove();
    else enforcePolicy(child);
    child = next;
  }
}

function unsafeElement(el: Element): boolean {
  const name = el.localName.toLowerCase();
  if (name === 'style') return unsafeCss(el.textContent ?? '');
  if (!ANIMATIONS.has(name)) return false;
  // SMIL can rewrite any attribute after sanitizing; href (links, `<use>`) and on* (script) are the dangerous ones.
  // A prefixed name (xlink:href) fails the pattern; so does a missing one, which DOMPurify leaves when it strips
  // an attributeName mentioning href.
  const target = (el.getAttribute('attributeName') ?? '').trim().toLowerCase();
  return !/^[a-z][a-z0-9-]*$/.test(target) || target === 'href' || target.startsWith('on');
}

/** A length in user units (px or unitless); anything relative or physical is unknown. */
function px(value: string | null): number | null {
  const m = /^\s*(\d*\.?\d+(?:e[+-]?\d+)?)\s*(?:px)?\s*$/i.exec(value ?? '');
  const n = m?.[1] === undefined ? NaN : Number(m[1]);
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** Width/height attributes, else viewBox; one missing side follows the viewBox aspect ratio, as browsers do. */
function dimensions(svg: Element): { width: number | null; height: number | null } {
  const box = (svg.getAttribute('viewBox') ?? '').trim().split(/[\s,]+/).map(Number);
  const [bw, bh] = box.length === 4 && box.every(Number.isFinite) && box[2]! > 0 && box[3]! > 0 ? [box[2]!, box[3]!] : [null, null];
  let width = px(svg.getAttribute('width'));
  let height = px(svg.getAttribute('height'));
  if (width === null && height === null) [width, height] = [bw, bh];
  else if (bw !== null && bh !== null) [width, height] = [width ?? (height! * bw) / bh, height ?? (width! * bh) / bw];
  const round = (n: number | null) => (n === null ? null : Math.max(1, Math.round(n)));
  return { width: round(width), height: round(height) };
}

export function sanitizeSvg(input: Buffer): SvgResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(input); // also drops a UTF-8 BOM
  } catch {
    return fail('The SVG is not valid UTF-8 text.');
  }
  const declared = /^<\?xml\s[^>]*?encoding\s*=\s*["']([^"']*)["']/.exec(text)?.[1]?.toLowerCase();
  if (declared !== undefined && declared !== 'utf-8' && declared !== 'utf8') return fail('The SVG declares an encoding other than UTF-8.');
  // jsdom's XML parser expands internal entities, so XXE and billion-laughs must be stopped before it runs.
  if (/<!ENTITY/i.test(text) || /<!DOCTYPE[^>]*\[/i.test(text)) return fail('The SVG has a DOCTYPE with declarations, which is not allowed.');
  try {
    const { window, purify } = getEnv();
    const doc = parseXml(window, text);
    if (!doc) return fail('The SVG could not be parsed as XML.');
    const root = doc.documentElement;
    // A root <svg> without xmlns is accepted and put in the SVG namespace (the fragment parser below does it): it is
    // plainly meant as SVG (hand-written, or copied out of HTML), and served as-is no browser would render it.
    if (root.localName !== 'svg' || (root.namespaceURI !== SVG_NS && root.namespaceURI !== null)) return fail('The file is not an SVG: its root element must be <svg>.');
    // DOMPurify drops CDATA nodes, which would empty the `<style><![CDATA[...]]>` that editors write.
    const walker = doc.createTreeWalker(root, window.NodeFilter.SHOW_CDATA_SECTION);
    const cdata: Node[] = [];
    while (walker.nextNode()) cdata.push(walker.currentNode);
    for (const node of cdata) node.parentNode?.replaceChild(doc.createTextNode(node.textContent ?? ''), node);
    // Serializing the root drops the prolog: XML declaration, DOCTYPE, and `<?xml-stylesheet?>` before the root.
    const serializer = new window.XMLSerializer();
    // With NAMESPACE set to SVG, DOMPurify parses with the XML fragment parser inside an SVG-namespace XML document,
    // whatever PARSER_MEDIA_TYPE says. 'application/xhtml+xml' would only make its allowlist case-sensitive, and
    // that allowlist is lower-case ('lineargradient', 'viewbox'), dropping every camelCase SVG name. 'text/html'
    // compares lower-cased names; the tree, its namespaces and the names' case are untouched.
    const holder = purify.sanitize(serializer.serializeToString(root), {
      USE_PROFILES: { svg: true, svgFilters: true },
      NAMESPACE: SVG_NS,
      PARSER_MEDIA_TYPE: 'text/html',
      RETURN_DOM: true,
      // DOMPurify bans these outright; enforcePolicy removes the dangerous uses (external or script targets).
      ADD_TAGS: ['use', 'animate', 'set'],
      ADD_ATTR: ['from', 'to', 'by'],
    });
    const svg = (holder as Element | null)?.firstElementChild; // null when DOMPurify cannot parse
    if (!svg || svg.nextElementSibling || svg.localName !== 'svg' || svg.namespaceURI !== SVG_NS) return fail('The SVG has no usable content after sanitizing.');
    enforcePolicy(svg);
    const out = serializer.serializeToString(svg);
    const check = parseXml(window, out)?.documentElement;
    if (!check || check.localName !== 'svg' || check.namespaceURI !== SVG_NS) return fail('The SVG could not be sanitized into well-formed SVG.');
    return { ok: true, svg: Buffer.from(out, 'utf8'), ...dimensions(check) };
  } catch {
    // E.g. a stack overflow serializing absurdly deep nesting.
    return fail('The SVG could not be processed.');
  }
}
