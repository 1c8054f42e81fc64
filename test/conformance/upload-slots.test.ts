/**
 * Upload slots cannot be held hostage (issue 7, item 4): one client with many upload URLs once held
 * every slot by trickling bodies in, and every other upload was refused. Now each client holds at most
 * its share of the slots, a body under the minimum rate is dropped with 408 once the grace period has
 * passed, and the server's header and request timeouts are short. The slow clients are raw sockets
 * writing small chunks on an interval (that is their traffic pattern); the tests wait on events.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_UPLOAD_POLICY } from '@/lib/image-service/config';
import type { UploadSlots } from '@/lib/image-service/upload-slots';
import { jpeg, noisyJpeg } from '../helpers/images';
import { multipartFile as multipart, rawPost, readResponse } from '../helpers/raw-http';
import { postFile, startTestService, type TestService } from '../helpers/service';

/** Resolves once `condition` holds, checked after every slot taken or given back. */
function slotsSettle(slots: UploadSlots, condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!condition()) return;
      slots.events.off('change', check);
      resolve();
    };
    slots.events.on('change', check);
    check();
  });
}

let t: TestService | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
});

async function mint(service: TestService): Promise<{ id: string; uploadURL: string }> {
  const res = await fetch(`${service.api}/v2/direct_upload`, { method: 'POST', headers: service.auth });
  return ((await res.json()) as { result: { id: string; uploadURL: string } }).result;
}

describe('upload slots', () => {
  it("a slow client holding its per-client maximum cannot block a normal client's upload", async () => {
    const svc = await startTestService({
      uploads: { maxActive: 3, perClient: 2, minBytesPerSecond: 0, rateGraceMs: 0 },
    });
    t = svc;
    const slots = svc.svc.core.uploads;
    const slow = '127.0.0.2'; // another address on the loopback: the service counts by socket address
    const form = multipart(await jpeg(200, 150));
    const held = await Promise.all([mint(svc), mint(svc)]);
    const holders = held.map((d) => rawPost(d.uploadURL, form, { localAddress: slow, send: 200 }));
    await slotsSettle(slots, () => slots.active(slow) === 2);

    const third = rawPost((await mint(svc)).uploadURL, form, { localAddress: slow });
    const refused = await third.response;
    third.socket.destroy();
    expect(refused?.status).toBe(429);
    expect(refused?.headers['retry-after']).toBe('2');
    expect(refused?.body).toMatch(/already has 2 uploads in progress/);

    // Everyone else still has a slot, and gets it at once.
    const normal = await postFile((await mint(svc)).uploadURL, await jpeg(120, 90));
    expect(normal.status).toBe(200);
    expect(slots.active(slow)).toBe(2);

    for (const h of holders) h.socket.destroy();
    await slotsSettle(slots, () => slots.active() === 0);
  });

  it('drops a body that trickles in under the minimum rate with 408, and the upload URL stays usable', async () => {
    const svc = await startTestService({
      uploads: { ...DEFAULT_UPLOAD_POLICY, minBytesPerSecond: 4096, rateGraceMs: 300 },
    });
    t = svc;
    const slots = svc.svc.core.uploads;
    const draft = await mint(svc);
    const trickle = rawPost(draft.uploadURL, multipart(await noisyJpeg(300, 200)), { send: 64 });
    let offset = 0;
    // About 800 bytes a second, far under the minimum.
    const writer = setInterval(() => {
      trickle.socket.write(trickle.rest.subarray(offset, offset + 32));
      offset += 32;
    }, 40);
    const dropped = await trickle.response;
    clearInterval(writer);
    trickle.socket.destroy();
    expect(dropped?.status).toBe(408);
    expect(dropped?.headers.connection).toBe('close');
    expect(JSON.parse(dropped?.body ?? '{}').errors[0].message).toMatch(/arrived too slowly/);

    await slotsSettle(slots, () => slots.active() === 0);
    expect(svc.svc.core.records.get(draft.id)?.upload_state).toBe('pending');
    expect((await postFile(draft.uploadURL, await jpeg(120, 90))).status).toBe(200);
  });
});

describe('server timeouts', () => {
  it('answers 408 and closes a connection whose headers do not arrive in time', async () => {
    const svc = await startTestService({ http: { headersTimeoutMs: 300, requestTimeoutMs: 60_000 } });
    t = svc;
    const { hostname, port } = new URL(svc.svc.url);
    const socket = net.connect({ host: hostname, port: Number(port) });
    socket.on('error', () => undefined);
    const response = readResponse(socket);
    socket.write(`POST /${svc.config.accountHash}/x HTTP/1.1\r\nHost: ${hostname}\r\n`); // and never the rest
    expect((await response)?.status).toBe(408);
  });

  it('answers 408 to a request whose body is not complete within the request timeout', async () => {
    const svc = await startTestService({
      http: { headersTimeoutMs: 300, requestTimeoutMs: 600 },
      uploads: { ...DEFAULT_UPLOAD_POLICY, minBytesPerSecond: 0 },
    });
    t = svc;
    const draft = await mint(svc);
    const stalled = rawPost(draft.uploadURL, multipart(await jpeg(100, 80)), { send: 100 });
    expect((await stalled.response)?.status).toBe(408);
    stalled.socket.destroy();
    await slotsSettle(svc.svc.core.uploads, () => svc.svc.core.uploads.active() === 0);
  });
});
