/**
 * Batched sweeps and curves for the charts, each computed in ONE call: entries of the engine's
 * EXTRAS table (engine/extras.ts), the only functions a worker job can call by name.
 * This index keeps the public surface of the former single-file `engine/sweep.ts`, so imports of
 * `.../engine/sweep` are unchanged: parameter sweeps (params.ts), the gradient curve (gradient.ts)
 * and the CTC lattice (ctc.ts), on shared plumbing (common.ts).
 */
export type { Sweep, SweepCurve, SweepParams } from './common';
export { alphaSweep, gammaSweep, labelSmoothingSweep } from './params';
export { gradientCurve, type CurveParams, type CurveSeries, type CurveVariant, type GradientCurve } from './gradient';
export { ctcLattice, type CtcLatticeView } from './ctc';
