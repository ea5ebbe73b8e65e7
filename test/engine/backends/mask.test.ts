/**
 * Spec §8 B14: with a mask (SCCE's ignore_class), NumPy and torch multiply it into sample_weight
 * in place, so a weight that would have to broadcast up to the mask's shape raises there; JAX and
 * TensorFlow compute. Recorded on Keras 3.15.1: JAX 1.0986123 for both the loss and the metric.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, type KerasBackend, type LossResult, type MetricResult } from '../../../src/engine';

const y_true = [[0, 1], [2, 1]];
const y_pred = [[[1 / 3, 1 / 3, 1 / 3], [1 / 3, 1 / 3, 1 / 3]], [[1 / 3, 1 / 3, 1 / 3], [1 / 3, 1 / 3, 1 / 3]]];
const sample_weight = [1, 2];
const loss = (b: KerasBackend) => evaluate(
  { kind: 'loss', name: 'SparseCategoricalCrossentropy', config: { ignore_class: 1 }, y_true, y_pred, sample_weight },
  { dtype: 'float32', kerasBackend: b },
) as LossResult;
const metric = (b: KerasBackend) => evaluate(
  { kind: 'metric', name: 'SparseCategoricalCrossentropy', config: { ignore_class: 1 }, updates: [{ y_true, y_pred, sample_weight }] },
  { dtype: 'float32', kerasBackend: b },
) as MetricResult;

describe('ignore_class with a weight per sample of a [B, T] label', () => {
  it.each(['jax', 'tensorflow'] as const)('test_scce_ignore_class_weight_broadcasts_on_%s', (b) => {
    expect(loss(b).value.data[0]).toBeCloseTo(1.0986123, 6);
    expect(metric(b).results[0]).toBeCloseTo(1.0986123, 6);
  });

  it.each(['numpy', 'torch'] as const)('test_scce_ignore_class_weight_raises_in_place_on_%s', (b) => {
    expect(() => loss(b)).toThrow(/in place.*\(2,\).*\(2, 2\)/);
    expect(() => metric(b)).toThrow(/in place/);
    try { loss(b); } catch (e) { expect((e as { field?: string }).field).toBe('sample_weight'); }
  });
});
