/**
 * The plain sentences under the result (src/ui/result/sentence.ts): each names this input's numbers,
 * and every number is one the engine computed (its steps, per-sample values, reduction, metric
 * state or resolved config), printed as the result panel prints it.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, type EngineResult, type LossResult, type MetricResult } from '../../src/engine/index';
import { defaultDoc, type ExampleDoc } from '../../src/document/document';
import { CTC_EXAMPLE } from '../../src/document/examples';
import { docToRequest } from '../../src/document/request';
import { PRESETS, presetById } from '../../src/presets';
import { formatNumber } from '../../src/ui/common/format';
import { familyOf, fnIdOf, LOSS_GROUPS } from '../../src/ui/common/lossInfo';
import { switchLoss } from '../../src/ui/header/switchLoss';
import { flatten } from '../../src/ui/inputs/tensorOps';
import { resultSentences } from '../../src/ui/result/sentence';

function told(doc: ExampleDoc) {
  const { req, opts } = docToRequest(doc);
  const r = evaluate(req, opts);
  const lines = resultSentences(r, {
    family: familyOf(fnIdOf(doc.kind, doc.name)), y_true: doc.y_true, y_pred: doc.y_pred,
    sampleWeight: doc.sample_weight !== null, resetBefore: doc.reset_before,
  });
  return { r, lines, text: lines.join(' ') };
}

const stepData = (r: EngineResult, name: string) => (r as LossResult).steps!.find((s) => s.name === name)!.tensor.data;
const D = defaultDoc();
const Yc = [[0, 1, 0], [0, 0, 1]];
const P = D.y_pred;
const loss = (name: string, patch: Partial<ExampleDoc> = {}): ExampleDoc => ({ ...switchLoss(D, 'loss', name), ...patch });

/** Every number the engine reports for this call, printed as the page prints it, and the input's labels. */
function engineNumbers(r: EngineResult, doc: ExampleDoc): Set<string> {
  const xs: number[] = [];
  const add = (v: unknown) => {
    if (typeof v === 'number') xs.push(v);
    else if (Array.isArray(v) || ArrayBuffer.isView(v)) xs.push(...Array.from(v as ArrayLike<number>));
  };
  if (r.kind === 'metric') {
    for (const s of r.snapshots) [s.total, s.count, s.result, s.added.total, s.added.count, s.values.data].forEach(add);
  } else {
    for (const s of r.steps ?? []) add(s.tensor.data);
    [r.perSample.data, r.value.data, r.weights?.data, r.reduction?.numerator, r.reduction?.denominator].forEach(add);
  }
  Object.values(r.config).forEach(add);
  add(flatten(doc.y_true));
  return new Set(xs.map((x) => formatNumber(x, r.dtype)));
}

const DOCS: [string, ExampleDoc][] = [
  ...PRESETS.map((p) => [p.id, p.doc] as [string, ExampleDoc]),
  ...LOSS_GROUPS.flatMap((g) => g.options).flatMap((o) => {
    const d = switchLoss(D, o.kind, o.name);
    return [
      [o.key, d], [`${o.key} float64 on JAX`, { ...d, dtype: 'float64', kerasBackend: 'jax' }],
      [`${o.key} on torch with sample_weight`, { ...d, kerasBackend: 'torch', sample_weight: o.kind === 'metric' ? null : o.name === 'CTC' ? [0.3, 0.7, 1] : [0.3, 0.7] }],
    ] as [string, ExampleDoc][];
  }),
  ['CCE label_smoothing 0.2', loss('CategoricalCrossentropy', { config: { label_smoothing: 0.2 } })],
  ['CCE from_logits', loss('CategoricalCrossentropy', { config: { from_logits: true } })],
  ['CCE soft labels', loss('CategoricalCrossentropy', { y_true: [[0, 0.5, 0.5], [0, 0, 1]] })],
  ['CCE rows that do not sum to 1', loss('CategoricalCrossentropy', { y_pred: [[0.05, 0.95, 0], [0.1, 0.8, 0.5]] })],
  ['CFCE smoothing, per-class alpha, logits', loss('CategoricalFocalCrossentropy', { config: { label_smoothing: 0.1, alpha: [0.1, 0.2, 0.7], from_logits: true } })],
  ['BCE smoothing', loss('BinaryCrossentropy', { config: { label_smoothing: 0.2 } })],
  ['BCE logits and smoothing', loss('BinaryCrossentropy', { config: { label_smoothing: 0.1, from_logits: true } })],
  ['BFCE balanced, smoothed', loss('BinaryFocalCrossentropy', { config: { apply_class_balancing: true, label_smoothing: 0.1, gamma: 3 } })],
  ['BCE [1, 2, 2] (per-sample [1, 2])', loss('BinaryCrossentropy', { y_true: [[[0, 1], [1, 0]]], y_pred: [[[0.6, 0.4], [0.4, 0.6]]] })],
  ['SCCE ignore_class', { ...D, config: { ignore_class: 2 } }],
  ['SCCE ignore_class, sample_weight, every reduction', { ...D, y_true: [1, 2, 0], y_pred: [...(P as number[][]), [0.2, 0.3, 0.5]], sample_weight: [0.5, 2, 1], config: { ignore_class: 2 } }],
  ...(['sum', 'none', 'mean_with_sample_weight', 'mean'] as const).map((reduction) =>
    [`SCCE ignore_class reduction=${reduction}`, { ...D, y_true: [1, 2, 0], y_pred: [...(P as number[][]), [0.2, 0.3, 0.5]], config: { ignore_class: 2, reduction } }] as [string, ExampleDoc]),
  ['SCCE label out of range (JAX)', { ...D, y_true: [1, 3], kerasBackend: 'jax' }],
  ['SCCE from_logits', { ...D, config: { from_logits: true } }],
  ['SCCE tf.keras 2 "auto"', { ...D, semantics: 'tf_keras2' }],
  ['CTC infeasible', loss('CTC', { y_true: [[1, 1, 1]], y_pred: [[[0, 1], [1, 0]]] })],
  ['CTC infeasible on torch', loss('CTC', { y_true: [[1, 1, 1]], y_pred: [[[0, 1], [1, 0]]], kerasBackend: 'torch' })],
  ['a metric over three updates', { ...D, kind: 'metric', updates: [{ y_true: [1, 2], y_pred: P, sample_weight: null }, { y_true: [1], y_pred: [[0.3, 0.3, 0.4]], sample_weight: null }, { y_true: [2], y_pred: [[0.3, 0.3, 0.4]], sample_weight: [2] }] }],
];

describe('resultSentences', () => {
  it.each(DOCS)('%s: one or two sentences, and every number in them is the engine\'s', (_, doc) => {
    const { r, lines, text } = told(doc);
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.length).toBeLessThanOrEqual(2);
    const known = engineNumbers(r, doc);
    // Indices and counts (sample 1, class 2, 3 entries, update #2) are small integers.
    const foreign = (text.match(/-?\d+(?:\.\d+)?(?:e[+-]\d+)?/g) ?? []).filter((t) => !known.has(t) && !(Number.isInteger(Number(t)) && Number(t) >= 0 && Number(t) <= 64));
    expect(foreign, text).toEqual([]);
    expect(text).not.toMatch(/undefined|NaN|\[object/);
  });

  it('CategoricalCrossentropy (the first screen): the true class\'s probability, −log of it, and the mean', () => {
    const { r, text } = told(presetById('cce-1')!.doc);
    const f = (x: number) => formatNumber(x, 'float32');
    const p = stepData(r, 'p_clipped')[5];
    const l = r as LossResult;
    expect(text).toBe(`Sample 1's true class is 2, which gets probability ${f(p)}, so its loss is −log ${f(p)} = ${f(l.perSample.data[1])}. `
      + `The loss is the mean of the 2 values: ${f(l.reduction!.numerator!)} / 2 = ${f(l.value.data[0])}.`);
    expect(f(l.value.data[0])).toBe('1.1769392');
  });

  it('label_smoothing: the smoothed label row and how much of the loss the true class gives', () => {
    const { r, text } = told(loss('CategoricalCrossentropy', { config: { label_smoothing: 0.2 } }));
    const f = (x: number) => formatNumber(x, 'float32');
    const y = stepData(r, 'y_smoothed');
    expect(text).toContain(`label_smoothing 0.2 turns sample 1's label into [${f(y[3])}, ${f(y[4])}, ${f(y[5])}]`);
    expect(text).toContain(`of which ${f(stepData(r, 'per_entry')[5])} comes from class 2`);
  });

  it('from_logits: the log-softmax of the true class', () => {
    const { r, text } = told(loss('CategoricalCrossentropy', { config: { from_logits: true } }));
    expect(text).toContain(`the log-softmax of its logits gives that class log p = ${formatNumber(stepData(r, 'log_softmax')[5])}`);
  });

  it('binary crossentropy: the costliest entry of the sample, and the mean over its row', () => {
    const { r, text } = told(loss('BinaryCrossentropy'));
    const f = (x: number) => formatNumber(x);
    expect(text).toContain(`Sample 1 gives entry 2 the probability ${f(stepData(r, 'p_clipped')[5])}, whose label is 1, so that entry costs −log 0.1 = ${f(stepData(r, 'per_entry')[5])}`);
    expect(text).toContain(`averages the 3 entries of each row, so sample 1's loss is ${f((r as LossResult).perSample.data[1])}`);
  });

  it('binary focal: p_t, the focal factor with its gamma, and the class weight', () => {
    const { r, text } = told(presetById('bfce-4')!.doc);
    const f = (x: number) => formatNumber(x);
    expect(text).toContain(`has p_t = ${f(stepData(r, 'p_t')[2])}, so focal_factor = (1 − p_t)^3 = ${f(stepData(r, 'focal_factor')[2])} and the class weight 0.75`);
  });

  it('sparse labels with ignore_class: the mean runs over the samples that remain', () => {
    const { r, lines } = told({ ...D, config: { ignore_class: 2 } });
    expect(lines[1]).toBe(`ignore_class=2 masks 1 of the 2 samples, so the result is the mean over the 1 remaining sample: ${formatNumber((r as LossResult).value.data[0])}.`);
  });

  it('each reduction says what it did with the numbers: sum, None, weights, mean_with_sample_weight, a bare function', () => {
    expect(told({ ...D, config: { reduction: 'sum' } }).lines[1]).toBe('reduction="sum" adds up the values: 2.3538785.');
    expect(told({ ...D, config: { reduction: 'none' } }).lines[1]).toBe('reduction=None returns the 2 values as they are: [0.051293444, 2.3025851].');
    expect(told(presetById('scce-2')!.doc).lines[1]).toBe('Each value is multiplied by its sample_weight; the sum, 1.6271976, is divided by the number of values, 2, not by Σw: 0.8135988.');
    expect(told({ ...D, sample_weight: [0.3, 0.7], config: { reduction: 'mean_with_sample_weight' } }).lines[1])
      .toBe('"mean_with_sample_weight" divides the weighted sum 1.6271976 by Σw = 1: 1.6271976.');
    expect(told(presetById('fn-bce')!.doc).lines[1]).toBe('keras.losses.binary_crossentropy returns one value per sample and does not reduce them: [0.91629076, 0.7135582].');
  });

  it('KL divergence, Poisson and CTC each tell their own formula', () => {
    expect(told(loss('KLDivergence', { y_true: [[0, 1], [0, 0]], y_pred: [[0.6, 0.4], [0.4, 0.6]] })).lines[0])
      .toMatch(/^Sample 0's loss sums y·log\(y \/ p\) over its 2 entries: 0\.9162892; entry 1, with y = 1 and p = 0\.4, gives 0\.91629076\.$/);
    expect(told(presetById('m-poisson')!.doc).text).toMatch(/^result\(\) = total \/ count = 0\.99999994 \/ 1 = 0\.99999994\./);
    expect(told(loss('Poisson', { y_true: [[0, 1], [0, 0]], y_pred: [[1, 1], [0, 0]] })).lines[0]).toContain('and Poisson averages them: 0.99999994');
    const ctc = told(loss('CTC'));
    expect(ctc.lines[0]).toBe(`Sample 1's label [1, 1] (zeros are padding) can be aligned to its 4 time steps in many ways; CTC adds up their probabilities, and the loss is −log of the sum: ${formatNumber((ctc.r as LossResult).perSample.data[1])}.`);
    expect(told(loss('CTC', { y_true: [[1, 1, 1]], y_pred: [[[0, 1], [1, 0]]] })).lines[0]).toMatch(/no alignment exists: the loss is infinite in truth, and Keras gives 706\.8936\./);
    expect(loss('CTC').y_true).toEqual(CTC_EXAMPLE.y_true);
  });

  it('a metric: result() = total / count, and what the last update added since reset_state()', () => {
    const { r, lines } = told(presetById('m-cce')!.doc);
    const last = (r as MetricResult).snapshots[1];
    const f = (x: number) => formatNumber(x);
    expect(lines).toEqual([
      `result() = total / count = ${f(last.total)} / ${f(last.count)} = ${f(last.result)}.`,
      `The update_state() call #1, after reset_state(), added Σ w·v = ${f(last.added.total)} to total and Σ w = ${f(last.added.count)} to count (w is its sample_weight).`,
    ]);
  });

  it('a large input, computed without steps, still gets the reduction sentence', () => {
    const n = 2000;
    const big = { ...D, y_true: Array.from({ length: n }, (_, i) => i % 3), y_pred: Array.from({ length: n }, () => [0.2, 0.3, 0.5]) };
    const { r, lines } = told(big);
    expect((r as LossResult).steps).toBeUndefined();
    expect(lines).toEqual([`The loss is the mean of the ${n} values: ${formatNumber((r as LossResult).reduction!.numerator!)} / ${n} = ${formatNumber((r as LossResult).value.data[0])}.`]);
  });
});
