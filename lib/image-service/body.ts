/**
 * Request bodies: multipart (streamed through busboy with limits), urlencoded and JSON, all read into
 * one shape. Limits are checked while reading, so an oversized upload stops at the first byte too many.
 */
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { badRequest, cfError } from '@/lib/cloudflare-images/errors';
import { refuseForbiddenKeys } from './user-keys';

export interface UploadedFile {
  bytes: Buffer;
  filename: string | null;
  mimeType: string;
}

export interface ParsedBody {
  fields: Map<string, string>;
  file: UploadedFile | null;
}

export interface BodyLimits {
  maxFileBytes: number;
  maxFieldBytes: number;
  maxFields: number;
}

/** The largest body a form within `limits` can be: the file, every field, and room for the part headers. */
export const maxFormBytes = (limits: BodyLimits): number =>
  limits.maxFileBytes + limits.maxFields * limits.maxFieldBytes + 64 * 1024;

const tooLarge = (max: number) =>
  cfError(5413, `Max file size is ${Math.round(max / (1024 * 1024))} MB; this file is larger.`);
const bodyTooLarge = (max: number) => cfError(5413, `The request body is larger than ${max} bytes.`);

/**
 * Reads at most `max` bytes of a non-multipart body; one byte more is a 413. On a refusal the body
 * stops being read but is not destroyed: the HTTP layer reads and discards the rest before answering.
 */
function readRaw(req: IncomingMessage, max: number, signal?: AbortSignal): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > max) return Promise.reject(bodyTooLarge(max));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const done = (err: Error | null) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('aborted', onAborted);
      signal?.removeEventListener('abort', onAbort);
      if (err) {
        req.pause();
        reject(err);
      } else resolve(Buffer.concat(chunks));
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > max) done(bodyTooLarge(max));
      else chunks.push(chunk);
    };
    const onEnd = () => done(null);
    const onAborted = () => done(cfError(5433));
    const onAbort = () => done(signal?.reason instanceof Error ? signal.reason : cfError(5433));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('aborted', onAborted);
    signal?.addEventListener('abort', onAbort);
  });
}

function flatten(obj: Record<string, unknown>): Map<string, string> {
  const fields = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || v === null) continue;
    fields.set(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  }
  return fields;
}

/** A JSON body; `__proto__`, `constructor` and `prototype` keys are refused at any depth. */
export async function readJson(req: IncomingMessage, max = 64 * 1024): Promise<unknown> {
  const raw = await readRaw(req, max);
  if (raw.length === 0) return {};
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
  refuseForbiddenKeys(json, 'The JSON body');
  return json;
}

function readMultipart(req: IncomingMessage, limits: BodyLimits, signal?: AbortSignal): Promise<ParsedBody> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        // Browsers send file names as raw UTF-8 in the part header; busboy's default (latin1) mangles them.
        defParamCharset: 'utf8',
        limits: {
          // busboy reports the limit on reaching it: one byte more, so a file of exactly the maximum passes.
          fileSize: limits.maxFileBytes + 1,
          files: 1,
          fields: limits.maxFields,
          fieldSize: limits.maxFieldBytes,
          parts: limits.maxFields + 1,
        },
      });
    } catch {
      reject(badRequest('The multipart body could not be parsed (missing boundary?).'));
      return;
    }
    const fields = new Map<string, string>();
    let file: UploadedFile | null = null;
    let settled = false;
    // The first failure stops the parsing; the HTTP layer then reads and discards the rest of the
    // body (up to a limit) before it answers, so a client still sending receives the answer.
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      req.unpipe(bb);
      reject(err);
    };
    bb.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(badRequest(`The form field "${name}" is too long.`));
      fields.set(name, value);
    });
    bb.on('file', (name, stream, info) => {
      if (name !== 'file') {
        fail(badRequest(`Unexpected file field "${name}"; send the image in the field "file".`));
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => fail(tooLarge(limits.maxFileBytes)));
      stream.on('error', () => fail(badRequest('The multipart body ended before the file did.')));
      stream.on('end', () => {
        file = { bytes: Buffer.concat(chunks), filename: info.filename ?? null, mimeType: info.mimeType };
      });
    });
    bb.on('filesLimit', () => fail(badRequest('Send exactly one file per request.')));
    bb.on('fieldsLimit', () => fail(badRequest('Too many form fields.')));
    bb.on('partsLimit', () => fail(badRequest('Too many form parts.')));
    bb.on('error', () => fail(badRequest('The multipart body is malformed or incomplete.')));
    bb.on('close', () => {
      if (settled) return;
      settled = true;
      resolve({ fields, file });
    });
    req.on('aborted', () => fail(cfError(5433)));
    signal?.addEventListener('abort', () => fail(signal.reason instanceof Error ? signal.reason : cfError(5433)));
    req.pipe(bb);
  });
}

/**
 * Reads a form-like body: multipart, urlencoded or JSON (Cloudflare's docs show all three for direct
 * uploads). Aborting `signal` stops the read with its reason (a body arriving too slowly).
 */
export async function readForm(req: IncomingMessage, limits: BodyLimits, signal?: AbortSignal): Promise<ParsedBody> {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    // Refuse a body that announces it is too big before reading any of it.
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > maxFormBytes(limits)) throw tooLarge(limits.maxFileBytes);
    return readMultipart(req, limits, signal);
  }
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const raw = await readRaw(req, limits.maxFields * limits.maxFieldBytes, signal);
    return { fields: new Map(new URLSearchParams(raw.toString('utf8'))), file: null };
  }
  if (type.startsWith('application/json') || type === '') {
    const json = await readJson(req);
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw badRequest('The JSON body must be an object.');
    }
    return { fields: flatten(json as Record<string, unknown>), file: null };
  }
  throw cfError(5415);
}
