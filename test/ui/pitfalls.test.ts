import { describe, expect, it } from 'vitest';
import { defaultDoc, type ExampleDoc } from '../../src/document/document';
import { evaluate } from '../../src/engine/index';
import type { LossResult } from '../../src/engine/types';
import { docToRequest } from '../../src/document/request';
import { explainSteps } from '../../src/ui/explain/explain';
import { formatNumber } from '../../src/ui/common/format';
import { detectPitfalls } from '../../src/ui/pitfalls/pitfalls';
import { CTC_EXAMPLE } from '../../src/document/examples';

const doc = (patch: Partial<ExampleDoc>): ExampleDoc => ({ ...defaultDoc(), ...patch });
const ids = (d: ExampleDoc) => detectPitfalls(d, null).map((p) => p.id);
const fix = (d: ExampleDoc, id: string) => {
  const p = detectPitfalls(d, null).find((x) => x.id === id);
  if (!p?.fix) throw new Error(`no fix for ${id}`);
  return p.fix.apply(d);
};

describe('detectPitfalls', () => {
  it('finds nothing wrong with the default example', () => {
    expect(ids(defaultDoc())).toEqual([]);
  });
  it('y_pred outside [0, 1] with from_logits=False looks like logits; the fix sets from_logits=True', () => {
    const d = doc({ y_pred: [[2.0, -1, 0.5], [0.1, 0.8, 0.1]] });
    const p = detectPitfalls(d, null).find((x) => x.id === 'looks_like_logits')!;
    expect(p.cells.map((c) => c.index)).toEqual([[0, 0], [0, 1]]);
    expect(fix(d, 'looks_like_logits').config.from_logits).toBe(true);
  });
  it('from_logits=True on probabilities; the fix sets it back', () => {
    const d = doc({ config: { from_logits: true } });
    expect(ids(d)).toContain('looks_like_probabilities');
    expect(fix(d, 'looks_like_probabilities').config.from_logits).toBe(false);
  });
  it('rows not summing to 1 for the categorical losses; the fix normalises', () => {
    const d = doc({ y_pred: [[1, 2, 1], [0.1, 0.8, 0.1]] });
    expect(ids(d)).toContain('rows_not_normalised');
    expect(fix(d, 'rows_not_normalised').y_pred).toEqual([[0.25, 0.5, 0.25], [0.1, 0.8, 0.1]]);
  });
  it('on a 10,000-row batch whose rows do not sum to 1, the count covers every cell but only the first 200 rows are marked', () => {
    const y_pred = Array.from({ length: 10_000 }, () => [1, 2, 1]);
    const y_true = Array.from({ length: 10_000 }, () => [1]);
    const p = detectPitfalls(doc({ y_true, y_pred }), null).find((x) => x.id === 'rows_not_normalised')!;
    expect(p.cellCount).toBe(30_000);
    expect(p.cells).toHaveLength(600);
    expect(p.cells[0]).toEqual({ field: 'y_pred', index: [0, 0] });
  });
  it('clipped entries that the loss reads (dead gradient)', () => {
    const d = doc({ y_pred: [[0.05, 0.95, 0], [0.1, 0.9, 0]] });
    const p = detectPitfalls(d, null).find((x) => x.id === 'clipped')!;
    expect(p.cells).toEqual([{ field: 'y_pred', index: [1, 2] }]);
    const bce = doc({ name: 'BinaryCrossentropy', y_true: [[0, 1]], y_pred: [[0, 1]] });
    expect(detectPitfalls(bce, null).find((x) => x.id === 'clipped')!.cells).toHaveLength(2);
  });
  it('labels equal to ignore_class, and labels out of range', () => {
    const d = doc({ y_true: [1, -1], config: { ignore_class: -1 } });
    expect(ids(d)).toContain('ignored_labels');
    expect(ids(d)).not.toContain('label_out_of_range');
    expect(ids(doc({ y_true: [1, 3] }))).toContain('label_out_of_range');
  });
  it('an out-of-range label says what the chosen backend does, and how the others differ', () => {
    const msg = (kerasBackend: ExampleDoc['kerasBackend']) =>
      detectPitfalls(doc({ y_true: [1, 3], kerasBackend }), null).find((x) => x.id === 'label_out_of_range')!.message;
    expect(msg('tensorflow')).toMatch(/On TensorFlow, it raises an error\./);
    expect(msg('jax')).toMatch(/On JAX, it scores them 0/);
    expect(msg('numpy')).toMatch(/On NumPy, it raises for labels ≥ classes/);
    expect(msg('torch')).toMatch(/On PyTorch, it raises an error \(a label of −100/);
    for (const b of ['tensorflow', 'jax'] as const) expect(msg(b)).toMatch(/JAX scores such a label 0.*TensorFlow raises.*PyTorch raises except for −100.*NumPy raises for labels ≥ classes/);
  });
  it('a fractional label is read as its truncated class on every backend, not flagged as out of range', () => {
    const found = detectPitfalls(doc({ y_true: [1.9, 2] }), null);
    expect(found.map((p) => p.id)).toEqual(['label_truncated']);
    expect(found[0].message).toMatch(/^y_true\[0\] = 1\.9 is read as class 1: every Keras backend/);
    expect(found[0].cells).toEqual([{ field: 'y_true', index: [0] }]);
  });
  it('an infeasible CTC alignment says what the chosen backend returns', () => {
    const d = doc({ name: 'CTC', y_true: [[1, 1, 1], [1, 0, 0]], y_pred: (CTC_EXAMPLE.y_pred as number[][][]).slice(0, 2), kerasBackend: 'torch' });
    expect(detectPitfalls(d, null)[0].message).toMatch(/On PyTorch, it returns inf and a NaN gradient/);
  });
  it('sample_weight [B] against [B, T] per-sample values; the fix reshapes to [B, 1]', () => {
    const d = doc({ y_true: [[1, 2], [0, 1]], y_pred: [[[0.2, 0.3, 0.5], [0.1, 0.8, 0.1]], [[0.6, 0.2, 0.2], [0.3, 0.3, 0.4]]], sample_weight: [0.5, 1] });
    expect(ids(d)).toContain('sample_weight_rank');
    expect(fix(d, 'sample_weight_rank').sample_weight).toEqual([[0.5], [1]]);
  });
  it('alpha without apply_class_balancing; the fix turns balancing on', () => {
    const d = doc({ name: 'BinaryFocalCrossentropy', y_true: [[0, 1]], y_pred: [[0.4, 0.6]], config: { alpha: 0.5 } });
    expect(fix(d, 'alpha_ignored').config.apply_class_balancing).toBe(true);
  });
  it('label_smoothing outside [0, 1]; the fix clamps', () => {
    const d = doc({ name: 'CategoricalCrossentropy', y_true: [[0, 1, 0], [0, 0, 1]], config: { label_smoothing: 1.5 } });
    expect(fix(d, 'label_smoothing_range').config.label_smoothing).toBe(1);
  });
  it('infeasible CTC alignments name the sample', () => {
    const d = doc({ name: 'CTC', y_true: [[1, 1, 1], [1, 0, 0]], y_pred: (CTC_EXAMPLE.y_pred as number[][][]).slice(0, 2) });
    expect(ids(d)).toEqual(['ctc_infeasible_0']);
  });
  it('metric updates are checked batch by batch, with the field of the update', () => {
    const d = doc({ kind: 'metric', updates: [{ y_true: [1, 2], y_pred: [[2, 0, 0], [0, 1, 0]], sample_weight: null }] });
    const p = detectPitfalls(d, null).find((x) => x.id.startsWith('looks_like_logits'))!;
    expect(p.cells[0].field).toBe('updates.0.y_pred');
  });
  it('passes engine warnings through with their cells', () => {
    const r = { warnings: [{ code: 'non_finite', message: 'The per-sample value at [0] is NaN', field: 'y_pred', index: [0] }] };
    const p = detectPitfalls(defaultDoc(), r as never);
    expect(p[0]).toMatchObject({ message: 'The per-sample value at [0] is NaN', cells: [{ field: 'y_pred', index: [0] }] });
  });
});

describe('pitfall messages state the engine’s numbers', () => {
  const withResult = (d: ExampleDoc) => {
    const { req, opts } = docToRequest(d);
    const result = evaluate(req, opts);
    return { result, pitfalls: detectPitfalls(d, result) };
  };
  it('CCE with logits pasted as probabilities: both clipped entries, each with where it went and its log p (as the explain view)', () => {
    const d = doc({ name: 'CategoricalCrossentropy', y_true: [[0, 1, 0], [1, 0, 0]], y_pred: [[0.1, 2.0, -1.0], [3.0, 0.5, 0.2]] });
    const { result, pitfalls } = withResult(d);
    const clip = pitfalls.find((p) => p.id === 'clipped')!;
    const steps = explainSteps(result as LossResult, 'categorical', d.y_pred);
    const changed = steps.find((s) => s.name === 'p_clipped')!.changed;
    expect(clip.cells.map((c) => c.index)).toEqual([[0, 1], [0, 2]]);
    expect(changed).toHaveLength(clip.cells.length);
    expect(clip.message).toContain('2 entries are clipped');
    const logP = (result as LossResult).steps!.find((s) => s.name === 'log_p')!.tensor.data;
    expect(clip.message).toContain(`y_pred[0, 1] → 1 − ε (log p = ${formatNumber(logP[1])})`);
    expect(clip.message).toContain(`y_pred[0, 2] → ε (log p = ${formatNumber(logP[2])})`);
    expect(clip.message).not.toContain('16.118 per entry');
    const logits = pitfalls.find((p) => p.id === 'looks_like_logits')!;
    expect(logits.message).toContain('divides each row by its sum (row 0 sums to 1.1)');
  });
  it('binary: clipping without renormalising, and the logits message says no row division', () => {
    const d = doc({ name: 'BinaryCrossentropy', y_true: [[0, 1]], y_pred: [[-0.5, 1.5]] });
    const { pitfalls } = withResult(d);
    expect(pitfalls.find((p) => p.id === 'looks_like_logits')!.message).not.toContain('divides');
    expect(pitfalls.find((p) => p.id === 'clipped')!.message).toMatch(/y_pred\[0, 0\] → ε .*y_pred\[0, 1\] → 1 − ε/);
  });
  it('a NaN from the engine is titled in words and names its cell, not a flat entry', () => {
    const d = doc({ name: 'Poisson', y_true: [[0, 1], [1, 0]], y_pred: [[0.5, 0.7], [-0.6, 0.4]] });
    const p = withResult(d).pitfalls.find((x) => x.id.startsWith('engine:nan'))!;
    expect(p.title).toBe('NaN in the loss');
    expect(p.message).toContain('y_pred[1, 0]');
    expect(p.message).not.toContain('row-major');
    expect(p.cells).toEqual([{ field: 'y_pred', index: [1, 0] }]);
  });
});
