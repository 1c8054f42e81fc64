// Plain-JS entry of the SVG worker thread: registers tsx in this thread, then loads the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./svg-worker.ts');
