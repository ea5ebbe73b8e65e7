import { describe, expect, it } from 'vitest';
import { randomExample } from '../../src/ui/inputs/random';
import {
  insertCol, insertRow, logitAll, logRows, normaliseRows, oneHotToSparse, removeCol, removeRow, resizeTo, rowSums,
  shapeOf, sigmoidAll, softmaxRows, sparseToOneHot, toColumn,
} from '../../src/ui/inputs/tensorOps';

const P = [[0.05, 0.95, 0], [0.1, 0.8, 0.1]];

describe('tensorOps', () => {
  it('shapeOf, resizeTo, rows and columns', () => {
    expect(shapeOf(P)).toEqual([2, 3]);
    expect(resizeTo(P, [3, 2])).toEqual([[0.05, 0.95], [0.1, 0.8], [0, 0]]);
    expect(insertRow([1, 2], 1)).toEqual([1, 0, 2]);
    expect(insertRow(P, 2)).toEqual([...P, [0, 0, 0]]);
    expect(removeRow(P, 0)).toEqual([P[1]]);
    expect(removeRow([[1]], 0)).toEqual([[1]]);
    expect(insertCol(P, 3)).toEqual([[0.05, 0.95, 0, 0], [0.1, 0.8, 0.1, 0]]);
    expect(removeCol(P, 0)).toEqual([[0.95, 0], [0.8, 0.1]]);
  });
  it('one-hot <-> sparse labels', () => {
    expect(oneHotToSparse([[0, 1, 0], [0, 0, 1]])).toEqual([1, 2]);
    expect(sparseToOneHot([1, 2], 3)).toEqual([[0, 1, 0], [0, 0, 1]]);
  });
  it('probabilities <-> logits round-trip through softmax/log and sigmoid/logit', () => {
    const back = softmaxRows(logRows([[0.2, 0.3, 0.5]])) as number[][];
    back[0].forEach((x, i) => expect(x).toBeCloseTo([0.2, 0.3, 0.5][i], 6));
    const b = sigmoidAll(logitAll([0.25, 0.9])) as number[];
    expect(b[0]).toBeCloseTo(0.25, 6);
    expect(b[1]).toBeCloseTo(0.9, 6);
    expect((logRows([0]) as number[])[0]).toBeCloseTo(Math.log(1e-7), 4);
  });
  it('normaliseRows makes every row sum to 1 (as Keras does silently)', () => {
    expect(normaliseRows([[1, 2, 1]])).toEqual([[0.25, 0.5, 0.25]]);
    expect(normaliseRows([[0, 0]])).toEqual([[0.5, 0.5]]);
    expect(rowSums(P)).toEqual([1, 1]);
    expect(toColumn([0.3, 0.7])).toEqual([[0.3], [0.7]]);
  });
});

describe('randomExample', () => {
  it('is reproducible from the seed and has the family shape', () => {
    const a = randomExample({ family: 'categorical', batch: 3, classes: 4, seed: 7 });
    expect(randomExample({ family: 'categorical', batch: 3, classes: 4, seed: 7 })).toEqual(a);
    expect(randomExample({ family: 'categorical', batch: 3, classes: 4, seed: 8 })).not.toEqual(a);
    expect(shapeOf(a.y_true)).toEqual([3, 4]);
    for (const s of rowSums(a.y_pred)) expect(s).toBeCloseTo(1, 9);
  });
  it('gives integer labels for sparse, 0/1 for binary, [B, T, C] logits for CTC', () => {
    const s = randomExample({ family: 'sparse', batch: 4, classes: 3, seed: 1 });
    expect((s.y_true as number[]).every((l) => Number.isInteger(l) && l >= 0 && l < 3)).toBe(true);
    const b = randomExample({ family: 'binary', batch: 2, classes: 2, seed: 1 });
    expect((b.y_true as number[][]).flat().every((x) => x === 0 || x === 1)).toBe(true);
    expect((b.y_pred as number[][]).flat().every((x) => x > 0 && x < 1)).toBe(true);
    const c = randomExample({ family: 'ctc', batch: 2, classes: 3, time: 5, seed: 1 });
    expect(shapeOf(c.y_pred)).toEqual([2, 5, 3]);
    expect((c.y_true as number[][])[0][0]).toBeGreaterThan(0);
  });
});
