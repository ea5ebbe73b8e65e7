/**
 * The engine's extra jobs: the only engine functions a worker job may call by name. Each entry's
 * parameters and return type are the job's arguments and result type (ExtraArgs / ExtraResult), so
 * a caller names an entry and gets its result typed. Adding an extra is one line in EXTRAS.
 */
import { alphaSweep, ctcLattice, gammaSweep, gradientCurve, labelSmoothingSweep } from './sweep';
import { trainRun, trainStep } from './train';

export const EXTRAS = {
  gammaSweep,
  alphaSweep,
  labelSmoothingSweep,
  gradientCurve,
  ctcLattice,
  trainRun,
  trainStep,
} satisfies Record<string, (...args: never[]) => unknown>;

export type Extras = typeof EXTRAS;
export type ExtraName = keyof Extras;
export type ExtraArgs<N extends ExtraName> = Parameters<Extras[N]>;
export type ExtraResult<N extends ExtraName> = ReturnType<Extras[N]>;
