import { describe, expect, it } from 'vitest';
import { defaultDoc } from '../../src/document/document';
import { CTC_EXAMPLE } from '../../src/document/examples';
import { switchLoss } from '../../src/ui/header/switchLoss';

describe('switchLoss', () => {
  it('SparseCategoricalCrossentropy -> CategoricalCrossentropy turns labels one-hot and keeps y_pred', () => {
    const d = switchLoss({ ...defaultDoc(), config: { from_logits: false, ignore_class: 2 } }, 'loss', 'CategoricalCrossentropy');
    expect(d.y_true).toEqual([[0, 1, 0], [0, 0, 1]]);
    expect(d.y_pred).toEqual(defaultDoc().y_pred);
    expect(d.config).toEqual({ from_logits: false });
  });
  it('and back to sparse labels', () => {
    const cce = switchLoss(defaultDoc(), 'loss', 'CategoricalCrossentropy');
    expect(switchLoss(cce, 'function', 'sparse_categorical_crossentropy').y_true).toEqual([1, 2]);
  });
  it('a metric gets the current batch as its one update', () => {
    const d = switchLoss({ ...defaultDoc(), sample_weight: [0.3, 0.7] }, 'metric', 'SparseCategoricalCrossentropy');
    expect(d.kind).toBe('metric');
    expect(d.updates).toEqual([{ y_true: [1, 2], y_pred: defaultDoc().y_pred, sample_weight: [0.3, 0.7] }]);
  });
  it('CTC loads its own example (and Keras 3 semantics), leaving CTC loads the family example', () => {
    const c = switchLoss({ ...defaultDoc(), semantics: 'tf_keras2' }, 'loss', 'CTC');
    expect(c.y_pred).toEqual(CTC_EXAMPLE.y_pred);
    expect(c.semantics).toBe('keras3');
    expect(switchLoss(c, 'loss', 'BinaryCrossentropy').y_true).toEqual([[0, 1], [0, 0]]);
  });
  it('drops a per-class alpha list for BinaryFocalCrossentropy and keeps reduction between classes', () => {
    const d = { ...defaultDoc(), name: 'CategoricalFocalCrossentropy', y_true: [[0, 1, 0], [0, 0, 1]], config: { alpha: [0.1, 0.5, 0.4], gamma: 3, reduction: 'sum' } };
    expect(switchLoss(d, 'loss', 'BinaryFocalCrossentropy').config).toEqual({ gamma: 3, reduction: 'sum' });
    expect(switchLoss(d, 'function', 'binary_focal_crossentropy').config).toEqual({ gamma: 3 });
  });
});
