// Worker-thread entry of the HEIC decoder (plain JS: libheif-js is CommonJS and needs no TypeScript here).
// One job per worker: the parent terminates it on a deadline, which frees the whole WebAssembly heap.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const libheif = require('libheif-js/wasm-bundle');

function decode(bytes, maxPixels, maxSide) {
  const decoder = new libheif.HeifDecoder();
  const images = decoder.decode(bytes);
  const primary = images.find((i) => i.is_primary?.()) ?? images[0];
  if (!primary) return { error: 'The HEIC file holds no image.' };
  // Header sizes (transformations applied) are known before any pixel is decoded.
  const width = primary.get_width();
  const height = primary.get_height();
  if (width < 1 || height < 1 || width * height > maxPixels || Math.max(width, height) > maxSide)
    return { tooLarge: { width, height } };
  return new Promise((resolve) => {
    const target = { data: new Uint8ClampedArray(width * height * 4), width, height };
    primary.display(target, (result) => {
      for (const image of images) image.free?.();
      if (!result) resolve({ error: 'The HEIC file is damaged and cannot be decoded.' });
      else resolve({ width, height, rgba: target.data });
    });
  });
}

Promise.resolve()
  .then(() => decode(workerData.bytes, workerData.maxPixels, workerData.maxSide))
  .then(
    (answer) => parentPort.postMessage(answer, answer.rgba ? [answer.rgba.buffer] : []),
    () => parentPort.postMessage({ error: 'The HEIC file is damaged and cannot be decoded.' }),
  );
