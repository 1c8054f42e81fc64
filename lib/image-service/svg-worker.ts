/** Worker-thread entry: SVG sanitizing is synchronous DOM work that must not block the service's event loop. */
import { parentPort } from 'node:worker_threads';
import { sanitizeSvg } from './svg';

parentPort?.on('message', (msg: { bytes: Uint8Array }) => {
  const result = sanitizeSvg(Buffer.from(msg.bytes));
  parentPort?.postMessage({ result: result.ok ? { ...result, svg: new Uint8Array(result.svg) } : result });
});
