/**
 * Public types of the training view's engine half (see index.ts for the model and the API).
 * Pure data: every array is a typed array, so a worker reply transfers them instead of copying.
 */
import type { EngineWarning } from '../types';

export type TrainOptimizer = 'sgd' | 'adam';

/** A second setting trained from the same starting logits, returned alongside the first. */
export interface TrainCompare {
  /** Legend text; defaults to a description of the patch. */
  label?: string;
  /** Another Keras loss (class or function name) to train instead, e.g. a focal counterpart. */
  name?: string;
  /** Kwargs patched over the request's (kwargs the other loss does not take are dropped first). */
  config?: Record<string, unknown>;
  /** Optimizer settings patched over the main run's. */
  optimizer?: TrainOptimizer;
  learning_rate?: number;
}

export interface TrainParams {
  /** Number of updates, an integer from 1 to 1000. */
  steps: number;
  /** 'sgd' (plain gradient descent, the default) or 'adam'. */
  optimizer?: TrainOptimizer;
  /** Defaults to Keras's: 0.01 for SGD, 0.001 for Adam. Positive and finite. */
  learning_rate?: number;
  /** Adam only (ignored by SGD); Keras's defaults 0.9, 0.999 and 1e-7. */
  beta_1?: number;
  beta_2?: number;
  epsilon?: number;
  /** Per-sample indices whose true-class probability is recorded (default the first 8). */
  samples?: number[];
  /** Keep step k's gradient and update (0-based: the update from z_k to z_{k+1}). */
  detailStep?: number | null;
  compare?: TrainCompare | null;
  /** 'reference' evaluates the engine every step even where a fused loop serves the loss. */
  path?: 'auto' | 'reference';
}

/** How the loss reads the logits z: as they are, or through softmax, sigmoid or exp. */
export type TrainReads = 'logits' | 'softmax' | 'sigmoid' | 'exp';

/** What `trueProb` measures for this loss (see index.ts). */
export type TrueProbKind = 'class' | 'label' | 'entries' | 'count' | 'sequence';

/** One step of the run, for the explain view: all arrays in y_pred's shape and layout. */
export interface TrainDetail {
  step: number;
  /** z_k, the logits before the update. */
  z: Float64Array;
  /** What the loss read at z_k (z_k itself, or its softmax / sigmoid / exp). */
  yPred: Float64Array;
  /** dL/dz at z_k: the engine's gradient carried through the map. */
  grad: Float64Array;
  /** Δz, the optimizer's step: z_{k+1} = z_k + Δz. */
  update: Float64Array;
}

export interface TrainTrace {
  label: string;
  /** Keras name trained, and its config as get_config() gives it (kwargs for a function). */
  name: string;
  config: Record<string, unknown>;
  optimizer: { name: TrainOptimizer; learning_rate: number; beta_1?: number; beta_2?: number; epsilon?: number };
  reads: TrainReads;
  /** 'reduced': `loss` is the scalar Keras returns; 'sum': the sum of its unreduced output. */
  objective: 'reduced' | 'sum';
  /** 'fused' when a fused loop computed the gradient (checked against the engine in the tests). */
  path: 'fused' | 'reference';
  steps: number;
  /** Loss at z_0 ... z_steps (steps + 1 values). */
  loss: Float64Array;
  /** Entries whose engine gradient is exactly 0 while they sit on or past a clip bound, per evaluation. */
  clipped: Uint32Array;
  count: number;
  samples: number[];
  trueProbKind: TrueProbKind;
  /** [steps + 1] x samples.length, row-major by step. */
  trueProb: Float64Array;
  /** Mean over every sample with a defined value, per evaluation. */
  meanTrueProb: Float64Array;
  /** Per recorded sample: where trueProb goes at the loss's minimum (NaN: unknown), or null. */
  optimum: Float64Array | null;
  shape: number[];
  finalLogits: Float64Array;
  finalPred: Float64Array;
  detail: TrainDetail | null;
  /** The run stopped before `steps` (the loss turned non-finite, or the engine raised); later entries are NaN. */
  stopped: { step: number; reason: string } | null;
  warnings: EngineWarning[];
}

export interface TrainRun {
  main: TrainTrace;
  compare: TrainTrace | null;
}
