import { describe, expect, it } from 'vitest';
import { editAxis, resizeBatch } from '../../src/ui/inputs/resize';

const P = [[0.05, 0.95, 0], [0.1, 0.8, 0.1]];

describe('editAxis', () => {
  it('adds a sample to y_true, y_pred and sample_weight together', () => {
    const b = editAxis({ y_true: [1, 2], y_pred: P, sample_weight: [0.3, 0.7] }, 'sparse', 'add-sample', false);
    expect(b.y_true).toEqual([1, 2, 0]);
    expect(b.y_pred).toEqual([...P, [0.3333333, 0.3333333, 0.3333333]]);
    expect(b.sample_weight).toEqual([0.3, 0.7, 1]);
  });
  it('adds a one-hot row for categorical labels and a logits row of zeros', () => {
    const b = editAxis({ y_true: [[0, 1, 0], [0, 0, 1]], y_pred: P, sample_weight: null }, 'categorical', 'add-sample', true);
    expect(b.y_true).toEqual([[0, 1, 0], [0, 0, 1], [1, 0, 0]]);
    expect((b.y_pred as number[][])[2]).toEqual([0, 0, 0]);
  });
  it('removes the last sample but never the only one', () => {
    const b = editAxis({ y_true: [1, 2], y_pred: P, sample_weight: null }, 'sparse', 'remove-sample', false);
    expect(b.y_true).toEqual([1]);
    expect(editAxis(b, 'sparse', 'remove-sample', false)).toBe(b);
  });
  it('adds a class to y_pred and to one-hot y_true, not to sparse labels', () => {
    expect(editAxis({ y_true: [[0, 1]], y_pred: [[0.4, 0.6]], sample_weight: null }, 'categorical', 'add-class', false).y_true).toEqual([[0, 1, 0]]);
    expect(editAxis({ y_true: [1], y_pred: [[0.4, 0.6]], sample_weight: null }, 'sparse', 'add-class', false).y_true).toEqual([1]);
  });
  it('adds a CTC time step and a label position', () => {
    const b = editAxis({ y_true: [[1, 0]], y_pred: [[[0, 1], [1, 0]]], sample_weight: null }, 'ctc', 'add-time', false);
    expect(b.y_pred).toEqual([[[0, 1], [1, 0], [0, 0]]]);
    expect(editAxis(b, 'ctc', 'add-label', false).y_true).toEqual([[1, 0, 0]]);
  });
});

describe('resizeBatch', () => {
  it('resizes batch and classes together', () => {
    const b = resizeBatch({ y_true: [[0, 1, 0], [0, 0, 1]], y_pred: P, sample_weight: null }, 'categorical', 3, 2, false);
    expect(b.y_pred).toEqual([[0.05, 0.95], [0.1, 0.8], [0.3333333, 0.3333333]]);
    expect(b.y_true).toEqual([[0, 1], [0, 0], [1, 0]]);
  });
});
