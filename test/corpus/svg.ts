/**
 * SVG attacks. Active content (script, handlers, foreignObject, javascript: URLs) is refused outright;
 * external references and CSS that fetches are removed quietly, and the stored file must show none of it;
 * entity declarations and absurd nesting are refused before any parser runs.
 */
import { latin1 } from './bytes';
import { accepted, type HostileCase, inCategory, refused, SVG_FILE } from './case';

const NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"';
const svg = (body: string, prolog = '') =>
  latin1(`${prolog}<svg ${NS} width="100" height="100">${body}<rect width="10" height="10" fill="#36c"/></svg>`);

/** What no stored SVG may hold: script, handlers, external fetches, entity declarations. */
export const ACTIVE_OR_EXTERNAL = [
  /<script/i,
  /\son[a-z]+\s*=/i,
  /javascript:/i,
  /foreignObject/i,
  /evil\.example/i,
  /@import/i,
  /<!ENTITY/i,
  /data:text\/html/i,
];

const active = (what: RegExp) => refused(400, what);
const base64 = (text: string) => Buffer.from(text).toString('base64');

export function svgAttacks(): HostileCase[] {
  const nested = `${'<g>'.repeat(200)}<rect width="1" height="1"/>${'</g>'.repeat(200)}`;
  const cases: { name: string; text: Buffer; expected: HostileCase['expected'] }[] = [
    { name: 'SVG with a <script> element', text: svg('<script>alert(1)</script>'), expected: active(/a script/) },
    {
      name: 'SVG with an uppercase namespaced <svg:SCRIPT>',
      text: svg('<svg:SCRIPT xmlns:svg="http://www.w3.org/2000/svg">alert(1)</svg:SCRIPT>'),
      expected: active(/a script/),
    },
    {
      name: 'SVG with onload on the root',
      text: latin1(`<svg ${NS} onload="alert(1)"><rect width="1" height="1"/></svg>`),
      expected: active(/event handler/),
    },
    {
      name: 'SVG with <foreignObject> holding an HTML iframe',
      text: svg(
        '<foreignObject width="10" height="10"><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/"/></foreignObject>',
      ),
      expected: active(/foreignObject/),
    },
    {
      name: 'SVG with an <a> to javascript:',
      text: svg('<a href="javascript:alert(1)"><text y="20">x</text></a>'),
      expected: active(/javascript: URL/),
    },
    {
      name: 'SVG with an <a> to an entity-encoded javascript: URL',
      text: svg('<a href="&#106;avascript&#58;alert(1)"><text y="20">x</text></a>'),
      expected: accepted(...ACTIVE_OR_EXTERNAL),
    },
    {
      name: 'SVG with <image xlink:href> to an external server',
      text: svg('<image xlink:href="https://evil.example/track.png" width="10" height="10"/>'),
      expected: accepted(...ACTIVE_OR_EXTERNAL),
    },
    {
      name: 'SVG with <use> pointing at an external sprite',
      text: svg('<use href="https://evil.example/sprite.svg#a"/><use xlink:href="//evil.example/s.svg#b"/>'),
      expected: accepted(...ACTIVE_OR_EXTERNAL),
    },
    {
      name: 'SVG with CSS @import and url() to an external server',
      text: svg(
        '<style>@import url(https://evil.example/x.css); rect { fill: url(https://evil.example/p.png) }</style>',
      ),
      expected: accepted(...ACTIVE_OR_EXTERNAL),
    },
    {
      name: 'SVG with a data: URI holding an HTML page with script',
      text: svg(
        `<a href="data:text/html;base64,${base64('<script>alert(1)</script>')}"><text y="20">x</text></a>` +
          `<image href="data:image/svg+xml;base64,${base64('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')}" width="5" height="5"/>`,
      ),
      expected: accepted(...ACTIVE_OR_EXTERNAL, /data:image\/svg/),
    },
    {
      name: 'SVG with an xml-stylesheet processing instruction to an external server',
      text: svg('', '<?xml version="1.0"?><?xml-stylesheet type="text/css" href="https://evil.example/x.css"?>'),
      expected: accepted(...ACTIVE_OR_EXTERNAL, /xml-stylesheet/),
    },
    {
      name: 'SVG with an external entity (XXE) reading /etc/passwd',
      text: svg(
        '<text>&xxe;</text>',
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
      ),
      expected: refused(400, /DOCTYPE with declarations/),
    },
    {
      name: 'SVG billion laughs (nested entity expansion)',
      text: svg(
        '<text>&lol4;</text>',
        `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY lol "lol">${[1, 2, 3, 4]
          .map((n) => `<!ENTITY lol${n} "${`&lol${n === 1 ? '' : n - 1};`.repeat(10)}">`)
          .join('')}]>`,
      ),
      expected: refused(400, /DOCTYPE with declarations/),
    },
    {
      name: 'SVG nesting <g> 200 levels deep',
      text: svg(nested),
      expected: refused(400, /more than 128 levels deep/),
    },
  ];
  return inCategory(
    'svg',
    cases.map(({ text, ...c }) => ({ ...c, file: { bytes: text, ...SVG_FILE } })),
  );
}
