/**
 * Random documents for property tests of what the results panel prints: every loss family as a
 * loss class, a loss function and (where Keras has one) a metric, on each Keras backend and
 * tf.keras 2, in float32 and float64, with and without sample_weight (zeros included), masks from
 * ignore_class, logits, label smoothing, focal parameters and full-precision inputs (so float32
 * rounding shows). Reproducible from the seed.
 */
import { lossClassFn, METRIC_CLASSES, metricClass } from '../../src/engine/index';
import type { KerasBackend, Nested } from '../../src/engine/types';
import { defaultDoc, type ExampleDoc, type UpdateDoc } from '../../src/document/document';
import type { FamilyId } from '../../src/ui/common/lossInfo';
import { mulberry32, randomExample } from '../../src/ui/inputs/random';

const CLASSES: Record<FamilyId, string[]> = {
  binary: ['BinaryCrossentropy', 'BinaryFocalCrossentropy'],
  categorical: ['CategoricalCrossentropy', 'CategoricalFocalCrossentropy'],
  sparse: ['SparseCategoricalCrossentropy'],
  kld: ['KLDivergence'],
  poisson: ['Poisson'],
  ctc: ['CTC'],
};
const FAMILIES = Object.keys(CLASSES) as FamilyId[];
const BACKENDS: KerasBackend[] = ['tensorflow', 'jax', 'torch', 'numpy'];

/** Leaves (numbers) of a nested list mapped by `f`. */
const mapLeaves = (x: Nested, f: (v: number) => number): Nested => (Array.isArray(x) ? x.map((y) => mapLeaves(y, f)) : f(x));

export function randomDocs(count: number, seed: number, size?: { batch: number; classes: number }): ExampleDoc[] {
  const rand = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const chance = (p: number) => rand() < p;

  const batchOf = (family: FamilyId, fromLogits: boolean, batch: number, classes: number): UpdateDoc => {
    const ex = randomExample({ family, batch, classes, fromLogits, seed: Math.floor(rand() * 2 ** 31) });
    // Off the two-decimal grid: values float32 cannot hold exactly, so its rounding shows.
    let y_pred = chance(0.6) ? mapLeaves(ex.y_pred, (v) => v * (1 + (rand() - 0.5) * 1e-3)) : ex.y_pred;
    if (family === 'binary' && !fromLogits && chance(0.15)) y_pred = mapLeaves(y_pred, (v) => (v > 0.9 ? 1 : v < 0.1 ? 0 : v));
    // A rank-1 binary batch: one value per sample after the mean over the last axis, unreduced by shape.
    if (family === 'binary' && chance(0.1)) return { y_true: (ex.y_true as number[][])[0], y_pred: (y_pred as number[][])[0], sample_weight: null };
    const weight = rand();
    const row = () => (chance(0.2) ? 0 : Math.round(rand() * 300) / 100 + (chance(0.5) ? rand() * 1e-3 : 0));
    const sample_weight: Nested | null = weight < 0.4 ? null : weight < 0.75 ? Array.from({ length: batch }, row)
      : weight < 0.9 ? Array.from({ length: batch }, () => [row()]) : row();
    return { y_true: ex.y_true, y_pred, sample_weight };
  };

  return Array.from({ length: count }, (): ExampleDoc => {
    const family = pick(FAMILIES);
    const lossClass = pick(CLASSES[family]);
    const fn = lossClassFn(lossClass)!;
    const metric = Object.keys(METRIC_CLASSES).find((m) => metricClass(m)?.fn === fn);
    const kind = metric && chance(0.2) ? 'metric' : chance(0.25) ? 'function' : 'loss';
    const semantics = chance(0.2) ? 'tf_keras2' : 'keras3';
    const fromLogits = family !== 'kld' && family !== 'poisson' && family !== 'ctc' && chance(0.35);
    const batch = size?.batch ?? 1 + Math.floor(rand() * 6);
    const classes = size?.classes ?? 2 + Math.floor(rand() * 4);
    const config: Record<string, unknown> = {};
    if (fromLogits) config.from_logits = true;
    if ((family === 'binary' || family === 'categorical') && kind !== 'metric' && chance(0.3)) config.label_smoothing = 0.1;
    if (lossClass.includes('Focal') && kind !== 'metric') {
      config.gamma = pick([0, 0.5, 2, 3.7]);
      config.alpha = pick([0.25, 0.6]);
      if (family === 'binary' && chance(0.5)) config.apply_class_balancing = true;
    }
    const batches = Array.from({ length: kind === 'metric' ? 1 + Math.floor(rand() * 3) : 1 }, () => batchOf(family, fromLogits, batch, classes));
    const first = batches[batches.length - 1];
    if (family === 'sparse' && chance(0.4)) config.ignore_class = (first.y_true as number[])[0];
    if (kind === 'loss' && chance(0.3)) config.reduction = pick(semantics === 'tf_keras2' ? ['sum', 'none', 'auto'] : ['sum', 'mean', 'mean_with_sample_weight', 'none']);
    const base = defaultDoc();
    const doc: ExampleDoc = {
      ...base, kind, config, semantics, kerasBackend: pick(BACKENDS), dtype: chance(0.6) ? 'float32' : 'float64',
      name: kind === 'loss' ? lossClass : kind === 'function' ? fn : metric!,
      ...first,
      updates: kind === 'metric' ? batches : [],
      reset_before: kind === 'metric' && batches.length > 2 && chance(0.5) ? [1] : [],
    };
    return doc;
  });
}
