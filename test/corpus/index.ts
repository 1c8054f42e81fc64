/**
 * The hostile-file corpus (issue 7, "Proof in CI"): every case made by code (no binary is committed), each
 * with the answer the service must give. `test/conformance/hostile-corpus.test.ts` sends each through
 * `POST v1` and through a one-time upload URL.
 */
import type { HostileCase } from './case';
import { badFields } from './fields';
import { limitEdges } from './limits';
import { bombs, polyglots, truncations } from './raster';
import { svgAttacks } from './svg';
import { wrongTypes } from './types';

export type { Acceptance, Category, HostileCase, Refusal } from './case';
export { ACTIVE_OR_EXTERNAL } from './svg';

export async function hostileCorpus(): Promise<HostileCase[]> {
  const parts = await Promise.all([
    bombs(),
    polyglots(),
    svgAttacks(),
    wrongTypes(),
    truncations(),
    limitEdges(),
    badFields(),
  ]);
  return parts.flat();
}
