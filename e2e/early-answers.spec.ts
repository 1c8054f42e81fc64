/**
 * Early answers reach a browser (issue 7, item 13): an upload URL that was already used answers 409
 * before it reads the body. A browser's XHR reads nothing until it has sent its whole body, so when the
 * service closed the socket early it saw a network error (status 0) instead of the envelope, and the
 * uploader could not tell the person "this upload URL was already used".
 */
import { expect, test } from '@playwright/test';
import { E2E } from './fixtures/env';
import { photo } from './fixtures/images';

test.use({ storageState: E2E.storage('uploader') });

interface XhrResult {
  status: number;
  body: string;
  networkError: boolean;
}

test('an XHR of 3 MB to an already-used upload URL receives the 409 and its message', async ({ page, request }) => {
  const bytes = await photo(300, 200);
  const mint = await request.post('/api/uploads', {
    data: { filename: 'used-once.jpg', size: bytes.length, type: 'image/jpeg' },
  });
  expect(mint.status(), await mint.text()).toBe(201);
  const ticket = (await mint.json()) as { id: string; uploadURL: string };
  expect(ticket.uploadURL.startsWith(E2E.serviceUrl)).toBe(true);
  const first = await request.post(ticket.uploadURL, {
    multipart: { file: { name: 'used-once.jpg', mimeType: 'image/jpeg', buffer: bytes } },
  });
  expect(first.status(), await first.text()).toBe(200);
  // 202: the service's webhook is completing the record at this moment (completion runs once per record).
  expect([200, 202]).toContain((await request.post(`/api/images/${ticket.id}/complete`)).status());

  // From a page of the app, as the uploader sends files: a multipart XHR straight to the image service.
  await page.goto('/upload');
  const result = await page.evaluate(async (uploadURL): Promise<XhrResult> => {
    const size = 3 * 1024 * 1024;
    const data = new Uint8Array(size);
    for (let i = 0; i < size; i += 65_536) crypto.getRandomValues(data.subarray(i, i + 65_536));
    const form = new FormData();
    form.append('file', new Blob([data], { type: 'image/jpeg' }), 'again.jpg');
    return new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', uploadURL);
      xhr.onload = () => resolve({ status: xhr.status, body: xhr.responseText, networkError: false });
      xhr.onerror = () => resolve({ status: xhr.status, body: xhr.responseText, networkError: true });
      xhr.send(form);
    });
  }, ticket.uploadURL);

  expect(result.networkError).toBe(false);
  expect(result.status).toBe(409);
  const envelope = JSON.parse(result.body) as { success: boolean; errors: { code: number; message: string }[] };
  expect(envelope.success).toBe(false);
  expect(envelope.errors[0]?.code).toBe(5409);
  expect(envelope.errors[0]?.message).toMatch(/already used/);
});
