/** Worker-thread entry: SVG sanitizing is synchronous DOM work that must not block the service's event loop. */
import { parentPort } from 'node:worker_threads';
import { sanitizeSvg, warmSvgSanitizer } from './svg';

// jsdom's window is built before the pool is told this worker is ready, so no upload pays for it.
warmSvgSanitizer();
parentPort?.on('message', (msg: { bytes: Uint8Array }) => {
  const result = sanitizeSvg(Buffer.from(msg.bytes));
  parentPort?.postMessage({ result: result.ok ? { ...result, svg: new Uint8Array(result.svg) } : result });
});
parentPort?.postMessage({ ready: true });
