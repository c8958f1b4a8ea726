import type { Rng } from '../rng';
import type { World } from '../world';

/** Dimension rows already written in this run (each must be emitted exactly once). */
export class Emitted {
  readonly schools = new Set<string>();
  readonly supervisors = new Set<string>();
  readonly directors = new Set<string>();
}

/** What an agency derivation may use besides the household's truth: its own random stream. */
export interface DeriveContext {
  world: World;
  rng: Rng;
  asOf: number;
  emitted: Emitted;
}
