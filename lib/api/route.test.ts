import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './errors';
import { apiRoute } from './route';

const ok = apiRoute(async () => Response.json({ ran: true }));
const call = (method: string, headers: Record<string, string>) =>
  ok(new Request('http://app.example/api/uploads', { method, headers }), {});

describe('apiRoute', () => {
  it('refuses state-changing requests from another origin, including the opaque `null` one, with a 403', async () => {
    for (const origin of ['null', 'https://evil.example', 'file://', 'not a url']) {
      const res = await call('POST', { host: 'app.example', origin });
      expect(res.status, origin).toBe(403);
      expect(await res.json()).toEqual({
        error: { code: 'forbidden', message: 'Cross-site requests are not allowed.' },
      });
    }
  });

  it('runs same-origin requests, requests without Origin (non-browser clients), and reads from anywhere', async () => {
    expect((await call('POST', { host: 'app.example', origin: 'http://app.example' })).status).toBe(200);
    expect((await call('DELETE', { host: 'app.example' })).status).toBe(200);
    expect((await call('GET', { host: 'app.example', origin: 'null' })).status).toBe(200);
  });

  it('turns errors into the one envelope, and unknown ones into a 500 that leaks nothing', async () => {
    const refused = apiRoute(async () => {
      throw new ApiError(409, 'conflict', 'Already done.');
    });
    const res = await refused(new Request('http://app.example/x'), {});
    expect([res.status, await res.json()]).toEqual([409, { error: { code: 'conflict', message: 'Already done.' } }]);

    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const broken = apiRoute(async () => {
      throw new Error('disk path /srv/secret');
    });
    const crash = await broken(new Request('http://app.example/x'), {});
    expect([crash.status, await crash.text()]).toEqual([
      500,
      JSON.stringify({ error: { code: 'internal_error', message: 'Something went wrong on our side.' } }),
    ]);
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
  });

  it('refuses a path holding a control character (an id with a NUL) with a 400 before the handler runs', async () => {
    let ran = 0;
    const handler = apiRoute(async () => {
      ran++;
      return Response.json({ ran: true });
    });
    for (const path of ['/api/images/%00', '/api/images/a%1Fb', '/api/images/%7F', '/api/images/%E0%A4%A']) {
      const res = await handler(new Request(`http://app.example${path}`), {});
      expect(res.status, path).toBe(400);
      expect((await res.json()).error.code).toBe('invalid_path');
    }
    expect(ran).toBe(0);
    expect((await handler(new Request('http://app.example/api/images/caf%C3%A9%20ok'), {})).status).toBe(200);
  });
});
