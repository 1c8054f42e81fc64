import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { type SvgResult, sanitizeSvg } from './svg';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"';
const { window } = new JSDOM('');

function ok(result: SvgResult): Extract<SvgResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got: ${result.reason}`);
  return result;
}
const run = (svg: string) => ok(sanitizeSvg(Buffer.from(svg, 'utf8')));
const text = (svg: string) => run(svg).svg.toString('utf8');
const refused = (input: string | Buffer) => {
  const result = sanitizeSvg(typeof input === 'string' ? Buffer.from(input, 'utf8') : input);
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.reason).toMatch(/^[A-Z].*\.$/);
};
/** The output must be an SVG document to an independent XML parser. */
function parseAsSvg(out: string): Element {
  const doc = new window.DOMParser().parseFromString(out, 'image/svg+xml');
  expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
  expect(doc.documentElement.localName).toBe('svg');
  expect(doc.documentElement.namespaceURI).toBe(SVG_NS);
  return doc.documentElement;
}

const BENIGN = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" ${XLINK} width="120px" height="80" viewBox="0 0 240 160">
  <defs>
    <linearGradient id="grad" x1="0" x2="1"><stop offset="0" stop-color="#f00"/><stop offset="1" stop-color="#00f"/></linearGradient>
    <clipPath id="clip"><rect width="100" height="100"/></clipPath>
    <path id="shape" d="M10 10 L50 50 Z"/>
  </defs>
  <style><![CDATA[ .a { fill: url(#grad); stroke: #000 } ]]></style>
  <g class="a" clip-path="url(#clip)"><path d="M0 0 H100 V100 Z" fill="url(#grad)" style="stroke-width:2"/></g>
  <use href="#shape"/><use xlink:href="#shape" x="5"/>
  <text x="10" y="150" font-family="'Open Sans'">Hello &amp; welcome</text>
  <animateTransform attributeName="transform" type="rotate" from="0 50 50" to="360 50 50" dur="1s" repeatCount="indefinite"/>
</svg>`;

describe('sanitizeSvg', () => {
  it('keeps a normal drawing intact and reads width/height from the attributes', () => {
    const result = run(BENIGN);
    expect([result.width, result.height]).toEqual([120, 80]);
    const out = result.svg.toString('utf8');
    const root = parseAsSvg(out);
    expect(root.getAttribute('viewBox')).toBe('0 0 240 160');
    expect(root.getElementsByTagName('linearGradient')).toHaveLength(1);
    expect(root.getElementsByTagName('stop')).toHaveLength(2);
    expect(root.getElementsByTagName('clipPath')).toHaveLength(1);
    expect(root.getElementsByTagName('path')).toHaveLength(2);
    expect(out).toContain('fill="url(#grad)"');
    expect(out).toContain('clip-path="url(#clip)"');
    expect(out).toContain('fill: url(#grad)'); // the CDATA stylesheet survives, as text
    expect(out).toContain('href="#shape"');
    expect(out).toContain('xlink:href="#shape"');
    expect(root.getElementsByTagName('text')[0]?.textContent).toBe('Hello & welcome');
    expect(root.getElementsByTagName('animateTransform')[0]?.getAttribute('to')).toBe('360 50 50');
    expect(out).not.toContain('DOCTYPE');
  });

  it('takes width/height from the viewBox when the attributes are absent or not in px', () => {
    expect(run(`<svg xmlns="${SVG_NS}" viewBox="0 0 300 150"/>`)).toMatchObject({ width: 300, height: 150 });
    expect(run(`<svg xmlns="${SVG_NS}" viewBox="0,0,64.4,32" width="100%"/>`)).toMatchObject({ width: 64, height: 32 });
    expect(run(`<svg xmlns="${SVG_NS}" viewBox="0 0 100 50" width="200"/>`)).toMatchObject({ width: 200, height: 100 });
    expect(run(`<svg xmlns="${SVG_NS}" width="10em"/>`)).toMatchObject({ width: null, height: null });
    expect(run(`<svg xmlns="${SVG_NS}" width="1e999" height="-5"/>`)).toMatchObject({ width: null, height: null });
  });

  const ATTACK = `<?xml-stylesheet href="https://evil/x.css" type="text/css"?>
<svg xmlns="${SVG_NS}" ${XLINK} onload="alert(1)" viewBox="0 0 10 10">
  <script>alert(1)</script>
  <rect id="keep" width="5" height="5" onclick="alert(1)"/>
  <foreignObject width="10" height="10"><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil/frame"/></foreignObject>
  <a href="javascript:alert(1)"><text>one</text></a>
  <a xlink:href="https://evil"><text>two</text></a>
  <use href="https://evil/x.svg#a"/>
  <image href="https://evil/p.png" width="5" height="5"/>
  <style>@import url(https://evil);</style>
  <g style="background:url(https://evil)"/>
  <a href="#keep"><animate attributeName="href" to="javascript:alert(1)" begin="0s"/><text>three</text></a>
  <a href="#keep"><set attributeName="xlink:href" to="https://evil/set"/></a>
  <?xml-stylesheet href="https://evil/inner.css"?>
</svg>`;

  it('strips every script, link and remote-fetch vector from a hostile SVG', () => {
    const out = text(ATTACK);
    for (const bad of [
      'script',
      'onload',
      'onclick',
      'javascript:',
      'evil',
      'foreignObject',
      'iframe',
      '@import',
      'xml-stylesheet',
    ]) {
      expect(out.toLowerCase(), bad).not.toContain(bad.toLowerCase());
    }
    const root = parseAsSvg(out);
    expect(root.getAttribute('viewBox')).toBe('0 0 10 10');
    expect(root.getElementsByTagName('rect')).toHaveLength(1); // the harmless parts remain
    expect(root.getElementsByTagName('text')).toHaveLength(3);
  });

  // One vector per case, so each removal is checked on its own, beside a benign sibling that must stay.
  it.each([
    ['script element', '<script>alert(1)</script>', 'alert'],
    ['handler on root', '', 'onload', ' onload="alert(1)"'],
    ['handler on child', '<g onclick="alert(1)"/>', 'onclick'],
    [
      'foreignObject',
      '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>',
      'foreignObject',
    ],
    ['iframe', '<iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil"/>', 'iframe'],
    ['embed and object', '<embed src="x"/><object data="x"/>', 'data='],
    ['javascript link', '<a href="javascript:alert(1)"><text>x</text></a>', 'javascript'],
    ['entity-obfuscated link', '<a href="java&#x09;script:alert(1)"><text>x</text></a>', 'script'],
    ['external xlink', `<a xlink:href="https://evil"><text>x</text></a>`, 'evil'],
    ['odd xlink prefix', `<a xmlns:q="http://www.w3.org/1999/xlink" q:href="https://evil"><text>x</text></a>`, 'evil'],
    ['external use', '<use href="https://evil/x.svg#a"/>', 'evil'],
    ['external image', '<image href="https://evil/p.png"/>', 'evil'],
    ['svg data image', '<image href="data:image/svg+xml;base64,PHN2Zy8+"/>', 'data:'],
    ['feImage', '<filter id="f"><feImage href="https://evil/p.png"/></filter>', 'evil'],
    ['@import', '<style>@import url(https://evil);</style>', 'import'],
    ['escaped @import', '<style>@\\69mport "https://evil";</style>', 'evil'],
    ['style url', '<style>g { fill: url(https://evil/a.svg#x) }</style>', 'evil'],
    ['escaped style url', '<style>g { background: u\\72l(https://evil) }</style>', 'evil'],
    ['image-set', '<style>g { background: image-set("https://evil" 1x) }</style>', 'evil'],
    ['expression', '<g style="width: expression(alert(1))"/>', 'expression'],
    ['style attribute url', '<g style="background:url(https://evil)"/>', 'evil'],
    ['presentation attribute url', '<path d="M0 0" fill="url(https://evil/p.svg#g)"/>', 'evil'],
    ['animate href', '<a href="#k"><animate attributeName="href" values="https://evil"/></a>', 'evil'],
    ['set xlink:href', '<a href="#k"><set attributeName="xlink:href" to="https://evil"/></a>', 'evil'],
    ['set handler', '<set attributeName="onmouseover" to="alert(1)"/>', 'mouseover'],
    ['xml:base', '<g xml:base="https://evil/"><use href="#k"/></g>', 'evil'],
    ['stylesheet PI', '<?xml-stylesheet href="https://evil"?>', 'stylesheet'],
  ])('removes: %s', (_name, inner, forbidden, rootAttrs = '') => {
    const out = text(`<svg xmlns="${SVG_NS}" ${XLINK}${rootAttrs}><rect id="k" width="1" height="1"/>${inner}</svg>`);
    expect(out.toLowerCase()).not.toContain(forbidden.toLowerCase());
    expect(parseAsSvg(out).getElementsByTagName('rect')).toHaveLength(1);
  });

  it('keeps raster data: images on <image>, and same-document references', () => {
    const png =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
    const out = text(
      `<svg xmlns="${SVG_NS}" ${XLINK}><image href="${png}"/><image xlink:href="${png}"/><a href="#x"><text id="x">t</text></a></svg>`,
    );
    expect(out.split(png)).toHaveLength(3);
    expect(out).toContain('<a href="#x">');
  });

  it('keeps ids that happen to be document property names, which references depend on', () => {
    const out = text(
      `<svg xmlns="${SVG_NS}"><linearGradient id="title"/><g id="fonts"/><rect fill="url(#title)"/></svg>`,
    );
    expect(out).toContain('id="title"');
    expect(out).toContain('id="fonts"');
  });

  it('refuses a DOCTYPE that declares entities', () => {
    refused(`<!DOCTYPE svg [<!ENTITY lol "lol">]><svg xmlns="${SVG_NS}">&lol;</svg>`);
    refused(`<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><svg xmlns="${SVG_NS}">&xxe;</svg>`);
    refused(`<!DOCTYPE svg [<!ATTLIST svg onload CDATA "alert(1)">]><svg xmlns="${SVG_NS}"/>`);
  });

  it('refuses documents that are not SVG', () => {
    refused('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>');
    refused('<html><svg xmlns="http://www.w3.org/2000/svg"/></html>');
    refused('<svg xmlns="http://example.com/not-svg"/>');
  });

  it('keeps an Inkscape drawing (xmlns:svg, editor namespaces) and prefixed SVG elements', () => {
    const inkscape = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<svg width="210mm" height="297mm" viewBox="0 0 210 297" version="1.1" id="svg5" inkscape:version="1.1"
  xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
  xmlns="${SVG_NS}" xmlns:svg="${SVG_NS}">
  <sodipodi:namedview id="namedview7" pagecolor="#ffffff"/>
  <g inkscape:label="Layer 1" inkscape:groupmode="layer" id="layer1">
    <rect style="fill:#ff0000;stroke-width:0.26" id="rect31" width="50" height="40" x="30" y="40"/>
    <svg:circle r="5"/>
  </g>
</svg>`;
    const result = run(inkscape);
    expect([result.width, result.height]).toEqual([210, 297]); // mm are not px: the viewBox decides
    const out = result.svg.toString('utf8');
    const root = parseAsSvg(out);
    expect(root.getElementsByTagNameNS(SVG_NS, 'rect')).toHaveLength(1);
    expect(root.getElementsByTagNameNS(SVG_NS, 'circle')).toHaveLength(1);
    expect(out).not.toMatch(/inkscape|sodipodi|svg:/);
  });

  it('puts a root <svg> without xmlns into the SVG namespace', () => {
    const root = parseAsSvg(text('<svg width="4" height="3"><rect width="1" height="1"/></svg>'));
    expect(root.getElementsByTagNameNS(SVG_NS, 'rect')).toHaveLength(1);
  });

  it('refuses invalid XML', () => {
    for (const bad of ['<svg><g></svg>', `<svg xmlns="${SVG_NS}">&nbsp;</svg>`, '', 'plain text']) {
      expect(sanitizeSvg(Buffer.from(bad))).toEqual({ ok: false, reason: 'The SVG could not be parsed as XML.' });
    }
  });

  it('refuses anything that is not UTF-8', () => {
    refused(Buffer.from([0x3c, 0x73, 0x76, 0x67, 0x3e, 0xff, 0xfe, 0x80, 0xc3, 0x3c, 0x2f, 0x73, 0x76, 0x67, 0x3e]));
    refused(Buffer.from(`<svg xmlns="${SVG_NS}"><text>caf\u00e9</text></svg>`, 'latin1'));
    refused(Buffer.from(`\ufeff<svg xmlns="${SVG_NS}"/>`, 'utf16le'));
    refused(`<?xml version="1.0" encoding="ISO-8859-1"?><svg xmlns="${SVG_NS}"/>`);
  });

  it('accepts a UTF-8 BOM and keeps non-ASCII text', () => {
    const out = text(`\ufeff<svg xmlns="${SVG_NS}"><text>café ✓</text></svg>`);
    expect(out).toContain('café ✓');
    expect(out.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('refuses trees too deep or too large to parse in reasonable time, before parsing them', () => {
    const nested = (n: number) =>
      `<svg xmlns="${SVG_NS}">${'<g a=">" b=\'/>\'><!-- <g> -->'.repeat(n)}${'</g>'.repeat(n)}</svg>`;
    expect(
      run(nested(127))
        .svg.toString('utf8')
        .match(/<g[>/]/g),
    ).toHaveLength(127);
    refused(nested(128));
    refused(nested(10_000)); // ~10 s for jsdom to parse, were it let through
    refused(`<svg xmlns="${SVG_NS}">${'<g>/>'.repeat(200)}${'</g>'.repeat(200)}</svg>`); // "/>" in text closes nothing
    expect(run(`<svg xmlns="${SVG_NS}">${'<g/>'.repeat(19_999)}</svg>`).svg.length).toBeGreaterThan(0);
    refused(`<svg xmlns="${SVG_NS}">${'<g/>'.repeat(20_000)}</svg>`);
  });

  it('sanitizes a ~200 KB SVG completely (timing is measured in bench/, not here)', () => {
    const shapes: string[] = [];
    for (let i = 0; shapes.join('').length < 200_000; i++) {
      shapes.push(
        `<path d="M${i} ${i} L${i + 10} ${i + 5} Q${i} 3 ${i + 1} 4 Z" fill="url(#g)" stroke="#${(i % 4096).toString(16).padStart(3, '0')}"/>`,
      );
    }
    const input = Buffer.from(
      `<svg xmlns="${SVG_NS}" viewBox="0 0 1000 1000"><defs><linearGradient id="g"/></defs>${shapes.join('')}</svg>`,
    );
    const result = sanitizeSvg(input);
    expect(
      ok(result)
        .svg.toString('utf8')
        .match(/<path /g),
    ).toHaveLength(shapes.length);
  });
});
