/**
 * HTTP/1.1 requests written by hand on a socket, for clients that fetch cannot play: one that sends
 * slowly or from another local address, or one that, like a browser's upload, reads nothing of the
 * answer until it has sent the whole body.
 */
import net from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RawForm {
  body: Buffer;
  type: string;
}

/** A multipart form holding `bytes` in the field `file`. */
export function multipartFile(bytes: Buffer, filename = 'a.jpg'): RawForm {
  const boundary = 'pixvaultrawboundary';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

/** Reads one response from `socket`: complete once its Content-Length is in; null if the socket closes before. */
export function readResponse(socket: net.Socket): Promise<RawResponse | null> {
  return new Promise((resolve) => {
    let buffer = Buffer.alloc(0);
    const parse = (): RawResponse | null => {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return null;
      const [statusLine = '', ...lines] = buffer.subarray(0, end).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(
        lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
      );
      const body = buffer.subarray(end + 4);
      if (body.length < Number(headers['content-length'] ?? 0)) return null;
      return { status: Number(statusLine.split(' ')[1]), headers, body: body.toString('utf8') };
    };
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const response = parse();
      if (response) resolve(response);
    });
    socket.on('close', () => resolve(parse()));
  });
}

function requestHead(target: URL, form: RawForm, headers: Record<string, string>): string {
  const lines = Object.entries({
    host: target.host,
    'content-type': form.type,
    'content-length': String(form.body.length),
    ...headers,
  }).map(([k, v]) => `${k}: ${v}\r\n`);
  return `POST ${target.pathname} HTTP/1.1\r\n${lines.join('')}\r\n`;
}

/**
 * A POST on its own socket, from `localAddress`; only the first `send` bytes of the body go out now
 * (`rest` is the remainder, for the caller to send at its own pace).
 */
export function rawPost(
  url: string,
  form: RawForm,
  options: { localAddress?: string; send?: number; headers?: Record<string, string> } = {},
) {
  const target = new URL(url);
  const socket = net.connect({ host: target.hostname, port: Number(target.port), localAddress: options.localAddress });
  socket.on('error', () => undefined); // the server may close while this client is still writing
  const response = readResponse(socket);
  socket.write(requestHead(target, form, options.headers ?? {}));
  const sent = options.send ?? form.body.length;
  socket.write(form.body.subarray(0, sent));
  return { socket, rest: form.body.subarray(sent), response };
}

/**
 * Like a browser's upload: writes the whole request and reads nothing until it is written. Resolves
 * with the answer, or with the socket error (EPIPE, ECONNRESET) when no answer could be read.
 */
export function sendThenRead(
  url: string,
  form: RawForm,
  headers: Record<string, string> = {},
): Promise<RawResponse | { error: string }> {
  const target = new URL(url);
  const socket = net.connect({ host: target.hostname, port: Number(target.port) });
  socket.pause(); // explicitly paused: the listeners below read nothing until resume()
  let error = 'closed without an answer';
  socket.on('error', (err: NodeJS.ErrnoException) => {
    error = err.code ?? err.message;
  });
  const response = readResponse(socket);
  socket.write(requestHead(target, form, headers));
  socket.write(form.body, () => socket.resume());
  return response.then((r) => {
    socket.destroy();
    return r ?? { error };
  });
}
