/** `POST v1`: an image from a multipart `file`, or from a `url` the service fetches itself. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { badRequest, cfError } from '@/lib/cloudflare-images/errors';
import { readForm } from './body';
import type { ImageRow } from './db';
import { prerenderVariants } from './eager';
import { prepareUpload } from './ingest';
import { formLimits, gated, idTaken, insertingId } from './ingest-gate';
import { commitOriginal, INSERT_STORED, storageFields, trimFilename } from './originals';
import { parseRecordFields } from './record-fields';
import { SafeFetchError, safeFetch } from './safe-fetch';
import type { ImageService } from './service';

export async function createImage(svc: ImageService, req: IncomingMessage): Promise<ImageRow> {
  return gated(svc, req, async (signal) => {
    const { fields, file } = await readForm(req, formLimits(svc.config), signal);
    const record = parseRecordFields(fields, svc.config.limits.maxMetadataBytes);
    const url = fields.get('url');
    if (file && url) throw badRequest('Send either a file or a url, not both.');
    if (!file && !url) throw badRequest('Send the image in the form field "file", or a "url" to fetch it from.');
    const id = record.id ?? randomUUID();
    if (svc.records.get(id)) throw idTaken(id);
    const { bytes, filename } = file ?? (await fetchUrl(svc, url ?? ''));
    const prepared = await prepareUpload(bytes, svc.config.limits, { keepLocation: svc.config.keepLocation });
    await svc.work.track(
      commitOriginal(svc.store, prepared, id, (fileKey) =>
        insertingId(id, () => {
          svc.db.prepare(INSERT_STORED).run({
            id,
            filename: trimFilename(filename),
            meta: JSON.stringify(record.metadata),
            require_signed: record.requireSignedURLs ? 1 : 0,
            creator: record.creator,
            uploaded: svc.now(),
            ...storageFields(prepared, fileKey),
          });
          return true;
        }),
      ),
    );
    prerenderVariants(svc, id);
    return svc.records.mustGet(id);
  });
}

async function fetchUrl(svc: ImageService, url: string) {
  try {
    return await safeFetch(url, {
      maxBytes: svc.config.limits.maxBytes,
      timeoutMs: svc.config.urlIngestTimeoutMs,
      allowPrivate: svc.config.urlIngestAllowPrivate,
    });
  } catch (err) {
    if (!(err instanceof SafeFetchError)) throw err;
    const detail = `Could not fetch the image from url: ${err.message}`;
    if (err.code === 'too_large') throw cfError(5413, detail);
    throw cfError(5400, detail, { status: err.code === 'timeout' ? 408 : 400 });
  }
}
