/**
 * Request bodies: multipart (streamed through busboy with limits), urlencoded and JSON, all read into
 * one shape. Limits are checked while reading, so an oversized upload stops at the first byte too many.
 */
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { badRequest, cfError } from '@/lib/cloudflare-images/errors';

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

const tooLarge = (max: number) =>
  cfError(5413, `Max file size is ${Math.round(max / (1024 * 1024))} MB; this file is larger.`);
const bodyTooLarge = (max: number) => cfError(5413, `The request body is larger than ${max} bytes.`);

/** Reads at most `max` bytes of a non-multipart body; one byte more is a 413. */
async function readRaw(req: IncomingMessage, max: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > max) throw bodyTooLarge(max);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > max) throw bodyTooLarge(max);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function flatten(obj: Record<string, unknown>): Map<string, string> {
  const fields = new Map<string, string>();
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || v === null) continue;
    fields.set(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  }
  return fields;
}

export async function readJson(req: IncomingMessage, max = 64 * 1024): Promise<unknown> {
  const raw = await readRaw(req, max);
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
}

function readMultipart(req: IncomingMessage, limits: BodyLimits): Promise<ParsedBody> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        limits: {
          fileSize: limits.maxFileBytes,
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
    // The first failure answers at once; the HTTP layer then closes the connection instead of
    // reading the rest of an oversized or broken body.
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
    req.pipe(bb);
  });
}

/** Reads a form-like body: multipart, urlencoded or JSON (Cloudflare's docs show all three for direct uploads). */
export async function readForm(req: IncomingMessage, limits: BodyLimits): Promise<ParsedBody> {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    // Refuse a body that announces it is too big before reading any of it.
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limits.maxFileBytes + limits.maxFields * limits.maxFieldBytes + 64 * 1024)
      throw tooLarge(limits.maxFileBytes);
    return readMultipart(req, limits);
  }
  if (type.startsWith('application/x-www-form-urlencoded')) {
    const raw = await readRaw(req, limits.maxFields * limits.maxFieldBytes);
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
