/**
 * The answer to a visit of a revoked or expired share link: HTTP 410 with a small page saying so.
 * Sent by the request proxy, since a React page cannot choose a 410 status; the page itself says
 * the same (with 200) should a link be revoked between the proxy's check and the page's render.
 * Only fixed text goes into the HTML.
 */
import type { ShareRefusal } from './messages';
import { SHARE_REFUSALS } from './messages';
import { lookUpShare } from './visit';

const SHARE_PATH = /^\/s\/([A-Za-z0-9_-]{1,100})\/?$/;

const STYLE = `body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f6f7f9;color:#1c2330}
main{min-height:100vh;display:grid;place-items:center;padding:1rem;box-sizing:border-box}
.card{max-width:28rem;background:#fff;border:1px solid #dde1e8;border-radius:10px;padding:1.5rem;box-shadow:0 1px 3px rgb(16 24 40/10%)}
h1{font-size:1.3rem;margin:0 0 .5rem}p{color:#5d6778;margin:0;line-height:1.5}
@media (prefers-color-scheme:dark){body{background:#12161d;color:#e6e9ef}.card{background:#1b212b;border-color:#2c3442}p{color:#9aa4b5}}`;

function gonePage(reason: ShareRefusal): string {
  const { title, message } = SHARE_REFUSALS[reason];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${title} · Pixvault</title><style>${STYLE}</style></head><body><main><div class="card" data-share-state="${reason}"><h1>${title}</h1><p>${message}</p></div></main></body></html>`;
}

/** For `GET /s/<token>` of a revoked or expired link: the 410 page; else null (the page renders). */
export async function shareGoneResponse(method: string, pathname: string, csp: string): Promise<Response | null> {
  if (method !== 'GET' && method !== 'HEAD') return null;
  const token = SHARE_PATH.exec(pathname)?.[1];
  if (!token) return null;
  const found = await lookUpShare(token);
  if (found.state !== 'revoked' && found.state !== 'expired') return null;
  return new Response(gonePage(found.state), {
    status: 410,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': csp,
      'referrer-policy': 'no-referrer',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
    },
  });
}
