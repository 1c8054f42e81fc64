/**
 * People and images for tests that drive the app's image code against an in-process image service
 * (after `stubAppEnv(service)`): accounts by role, uploads made the way the browser makes them, and
 * what the service says about an image. The app's modules are imported lazily, after the stub.
 */
import { expect } from 'vitest';
import { jpeg } from './images';
import { postFile } from './service';

export type Person = { id: string; role: 'admin' | 'uploader' | 'viewer' };

export async function person(email: string, role: Person['role']): Promise<Person> {
  const { createUser } = await import('@/lib/db/users');
  return { id: (await createUser({ email, passwordHash: null, role })).id, role };
}

/** Mint, send the bytes, complete; `finish: false` leaves it pending. `bytes` default: a 64×48 JPEG. */
export async function uploadAs(
  by: Person,
  title: string,
  opts: { finish?: boolean; bytes?: Buffer } = {},
): Promise<{ id: string; serviceId: string }> {
  const { mintUpload, completeForUser } = await import('@/lib/images/uploads');
  const { getImage } = await import('@/lib/db/images');
  const ticket = await mintUpload(by, { filename: `${title}.jpg`, size: 1000, type: 'image/jpeg' });
  if (opts.finish !== false) {
    expect((await postFile(ticket.uploadURL, opts.bytes ?? (await jpeg(64, 48)), `${title}.jpg`)).status).toBe(200);
    expect(await completeForUser(by, ticket.id)).toBe('ready');
  }
  return { id: ticket.id, serviceId: (await getImage(ticket.id))?.service_id ?? '' };
}

/** 200 when the image service has the image, else the status it answered (0: no answer). */
export async function serviceStatus(serviceId: string): Promise<number> {
  const { imagesClient, ImageServiceError } = await import('@/lib/images/client');
  return imagesClient()
    .get(serviceId)
    .then(
      () => 200,
      (err: unknown) => (err instanceof ImageServiceError ? err.status : 0),
    );
}
