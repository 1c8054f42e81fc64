/**
 * What the benchmark cases share in one run: options (`--quick`), a temp folder, one 12 MP photo,
 * the image service under test (bench/load/service.ts) with the app's named variants, and, when it
 * could be started, the built app under `next start` (for `/_next/image`, the gallery and the API).
 */
import { VARIANT_DEFINITIONS } from '@/lib/schemas/variant';
import type { LoadService } from '../load/service';

export interface BenchOptions {
  quick: boolean;
  /** Cases to run (all when empty). */
  only: Set<string>;
  /** Seconds per wrk run. */
  seconds: number;
  /** Interleaved rounds per wrk comparison; the median is reported. */
  rounds: number;
  /** Node flags for the servers under test (`--profile`: V8 CPU profiles into bench/results/tmp/). */
  nodeArgs: string[];
}

export interface NextApp {
  url: string;
  /** The app's session cookie of a signed-in viewer. */
  cookie: string;
  /** Path of the bench photo under the app's `public/` (for `/_next/image?url=`). */
  photoPath: string;
  /** More copies of the photo, each seen by `/_next/image` for the first time when a case takes it. */
  coldPhotos: string[];
  dataDir: string;
  /** The app's own embedded image service (port and credentials chosen by the bench). */
  service: LoadService;
  /** The app's SQLite store. */
  storeFile: string;
  /** Image records seeded. */
  records: number;
}

export interface BenchContext {
  options: BenchOptions;
  work: string;
  /** A photo-like 12 MP (4000×3000) JPEG. */
  photo: Buffer;
  service: LoadService;
  next: NextApp | null;
  /** Why the app is not there, when it is not. */
  nextMissing?: string;
}

/** Creates the app's named variants (lib/schemas/variant.ts) on the service, as the app does at start. */
export async function createAppVariants(svc: LoadService): Promise<void> {
  for (const def of VARIANT_DEFINITIONS) {
    if (def.id === 'public') continue;
    const res = await fetch(`${svc.api}/v1/variants`, {
      method: 'POST',
      headers: { ...svc.auth, 'content-type': 'application/json' },
      body: JSON.stringify({ id: def.id, options: def.options }),
    });
    if (!res.ok) throw new Error(`creating variant ${def.id} failed: ${res.status} ${await res.text()}`);
  }
}
