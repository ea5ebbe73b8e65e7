/**
 * Pure helpers of the training chart: the run a document's view asks for (defaults filled in, a
 * compared setting the loss does not have falls back to none), the second setting each compare
 * choice trains, and the steps where gradients died at a clip bound.
 */
import { classOfFn, kwarg, paramsOf, reductionsFor, type FnId } from '../engine/catalog';
import type { TrainCompare, TrainParams, TrainTrace } from '../engine/train';
import { MAX_TRAIN_STEPS, type ExampleDoc, type TrainCompareMode, type TrainOptimizerName } from '../document/document';
import { fnOfDoc, sweepSamples } from './jobs';

/** Updates a run takes when the view names none: enough for Keras's default SGD rate to move the predictions visibly. */
export const DEFAULT_TRAIN_STEPS = 500;

export const OPTIMIZER_LABELS: Record<TrainOptimizerName, string> = { sgd: 'SGD', adam: 'Adam' };

export interface TrainSetting {
  optimizer: TrainOptimizerName;
  /** null: the optimizer's Keras default (the engine fills it in and reports it). */
  learningRate: number | null;
  steps: number;
  compare: TrainCompareMode;
  /** The step shown (0..steps): the state after that many updates. */
  step: number;
}

/** The plain cross-entropies whose focal counterpart is the same loss at gamma = 0. */
const FOCAL_OF: Partial<Record<FnId, FnId>> = {
  binary_crossentropy: 'binary_focal_crossentropy',
  categorical_crossentropy: 'categorical_focal_crossentropy',
};

/** Which second runs make sense for this loss (the optimizer one always does). */
export function trainCompareModes(doc: ExampleDoc): TrainCompareMode[] {
  const names = new Set(paramsOf(doc.kind, doc.name, doc.semantics).map((p) => p.name));
  const fn = fnOfDoc(doc) as FnId;
  const modes: TrainCompareMode[] = ['none'];
  if (names.has('label_smoothing')) modes.push('smoothing');
  if (names.has('gamma') || FOCAL_OF[fn]) modes.push('gamma');
  if (names.has('from_logits')) modes.push('logits');
  if (doc.kind === 'loss') modes.push('reduction');
  modes.push('optimizer');
  return modes;
}

/** The view's run with its defaults; a step past the run's end shows the end. */
export function trainSetting(doc: ExampleDoc): TrainSetting {
  const v = doc.view;
  const steps = Math.min(MAX_TRAIN_STEPS, v.steps ?? DEFAULT_TRAIN_STEPS);
  const compare = v.trainCompare && trainCompareModes(doc).includes(v.trainCompare) ? v.trainCompare : 'none';
  return { optimizer: v.optimizer ?? 'sgd', learningRate: v.learningRate ?? null, steps, compare, step: Math.min(v.trainStep ?? steps, steps) };
}

/** The update the explain section shows: the one leaving the shown step (the last one at the run's end). */
export function explainedStep(s: TrainSetting): number {
  return Math.min(s.step, s.steps - 1);
}

function currentReduction(doc: ExampleDoc): string {
  const r = doc.config.reduction;
  return typeof r === 'string' ? r : reductionsFor(doc.semantics)[0];
}

/**
 * What each side of a comparison is, in the words of the setting that differs: the main run's
 * value first, then the compared one (labels for the legend and the table).
 */
export function compareSpec(doc: ExampleDoc, s: TrainSetting): { main: string; other: TrainCompare } | null {
  const c = doc.config;
  switch (s.compare) {
    case 'none': return null;
    case 'smoothing': {
      const ls = kwarg(c, 'label_smoothing');
      const other = ls === 0 ? 0.1 : 0;
      return { main: `label_smoothing=${ls}`, other: { label: `label_smoothing=${other}`, config: { label_smoothing: other } } };
    }
    case 'gamma': {
      const fn = fnOfDoc(doc) as FnId;
      const focal = FOCAL_OF[fn];
      if (!focal) {
        const g = kwarg(c, 'gamma');
        const other = g === 0 ? 2 : 0;
        return { main: `γ=${g}`, other: { label: `γ=${other}`, config: { gamma: other } } };
      }
      // Without balancing (alpha = 1 per class, or apply_class_balancing off), gamma = 0 is this very loss.
      const balance = focal.startsWith('binary') ? { apply_class_balancing: false } : { alpha: 1 };
      const name = doc.kind === 'loss' ? classOfFn(focal) : focal;
      return { main: `${doc.name} (γ=0)`, other: { label: `${name}, γ=2`, name, config: { ...balance, gamma: 2 } } };
    }
    case 'logits': {
      const fl = kwarg(c, 'from_logits');
      return { main: `from_logits=${fl ? 'True' : 'False'}`, other: { label: `from_logits=${fl ? 'False' : 'True'}`, config: { from_logits: !fl } } };
    }
    case 'reduction': {
      const r = currentReduction(doc);
      const other = r === 'sum' ? reductionsFor(doc.semantics)[0] : 'sum';
      return { main: `reduction=${r}`, other: { label: `reduction=${other}`, config: { reduction: other } } };
    }
    case 'optimizer': {
      const other: TrainOptimizerName = s.optimizer === 'sgd' ? 'adam' : 'sgd';
      return { main: OPTIMIZER_LABELS[s.optimizer], other: { label: `${OPTIMIZER_LABELS[other]} (Keras's default rate)`, optimizer: other } };
    }
  }
}

/** The engine's parameters for the view's run: recorded samples are the first 8 and the selected one. */
export function trainParams(doc: ExampleDoc, s: TrainSetting): TrainParams {
  return {
    steps: s.steps, optimizer: s.optimizer, ...(s.learningRate === null ? {} : { learning_rate: s.learningRate }),
    samples: sweepSamples(doc.view.selected?.[0] ?? null), compare: compareSpec(doc, s)?.other ?? null,
  };
}

/** A key naming the run (not the shown step: scrubbing reads the same run). */
export function runKey(doc: ExampleDoc, s: TrainSetting): string {
  return `${s.optimizer}:${s.learningRate ?? ''}:${s.steps}:${s.compare}:${doc.view.selected?.[0] ?? ''}`;
}

/** Runs [first, last] of steps whose clipped count is above 0 (entries frozen at a clip bound). */
export function clipSpans(clipped: ArrayLike<number>): [number, number][] {
  const spans: [number, number][] = [];
  let start = -1;
  for (let k = 0; k <= clipped.length; k++) {
    const on = k < clipped.length && clipped[k] > 0;
    if (on && start < 0) start = k;
    if (!on && start >= 0) { spans.push([start, k - 1]); start = -1; }
  }
  return spans;
}

/** The distinct finite optima of a run's recorded samples (a reference line each). */
export function optimumLevels(optimum: ArrayLike<number> | null): number[] {
  if (!optimum) return [];
  return [...new Set(Array.from(optimum).filter(Number.isFinite))].sort((a, b) => a - b);
}

export interface OptimumRef {
  v: number;
  /** 0: the run, 1: the compared run. */
  run: 0 | 1;
  /** The one recorded sample whose optimum this is, or null when several share it. */
  sample: number | null;
  label: string;
}

/**
 * Reference lines for the optima below 1 (1 is approached, never reached): one per distinct value
 * of each run, one line for a value both runs share, named by the run when they differ, and by
 * its sample when only one sample has it (Poisson, soft labels).
 */
export function optimumRefs(main: TrainTrace, compare: TrainTrace | null, labels: [string, string | null], fmt: (v: number) => string): OptimumRef[] {
  const mainLevels = optimumLevels(main.optimum);
  const other = compare ? optimumLevels(compare.optimum) : [];
  const shared = compare !== null && other.length === mainLevels.length && other.every((v, j) => v === mainLevels[j]);
  const refs = (t: TrainTrace, levels: number[], run: 0 | 1, name: string): OptimumRef[] => levels.filter((v) => v < 1).map((v) => {
    const owners = t.samples.filter((_, j) => t.optimum![j] === v);
    const sample = owners.length === 1 && levels.length > 1 ? owners[0] : null;
    return { v, run, sample, label: `optimum ${fmt(v)}${sample === null ? '' : `, sample ${sample}`}${name}` };
  });
  return [
    ...refs(main, mainLevels, 0, compare && !shared ? ` (${labels[0]})` : ''),
    ...(compare && !shared ? refs(compare, other, 1, ` (${labels[1]})`) : []),
  ];
}
