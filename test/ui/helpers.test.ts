import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/index';
import { defaultDoc, type ExampleDoc } from '../../src/document/document';
import { docToRequest } from '../../src/document/request';
import { convertPred, dims, normaliseAll, predConversions, randomize, resizeAll, toggleLabels } from '../../src/ui/inputs/helpers';

const value = (d: ExampleDoc) => {
  const { req, opts } = docToRequest(d);
  const r = evaluate(req, opts);
  return r.kind === 'metric' ? r.results[0] : r.value.data[0];
};

describe('input helpers keep the number (up to float32 rounding) while changing the representation', () => {
  it('sparse -> one-hot switches to CategoricalCrossentropy, and back', () => {
    const cce = toggleLabels(defaultDoc());
    expect(cce.name).toBe('CategoricalCrossentropy');
    expect(cce.y_true).toEqual([[0, 1, 0], [0, 0, 1]]);
    expect(value(cce)).toBeCloseTo(value(defaultDoc()), 6);
    expect(toggleLabels(cce).y_true).toEqual([1, 2]);
  });
  it('probabilities -> logits sets from_logits=True; logits -> probabilities clears it', () => {
    const d = { ...defaultDoc(), y_pred: [[0.05, 0.9, 0.05], [0.1, 0.8, 0.1]] };
    expect(predConversions(d)).toEqual(['to-logits']);
    const z = convertPred(d, 'to-logits');
    expect(z.config.from_logits).toBe(true);
    expect(value(z)).toBeCloseTo(value(d), 5);
    const back = convertPred(z, 'to-probabilities');
    expect(back.config.from_logits).toBeUndefined();
    expect(value(back)).toBeCloseTo(value(d), 5);
  });
  it('binary uses logit/sigmoid', () => {
    const d: ExampleDoc = { ...defaultDoc(), name: 'BinaryCrossentropy', y_true: [[0, 1], [0, 0]], y_pred: [[0.6, 0.4], [0.4, 0.6]] };
    expect(value(convertPred(d, 'to-logits'))).toBeCloseTo(value(d), 5);
  });
  it('normalise, random and resize', () => {
    expect(normaliseAll({ ...defaultDoc(), y_pred: [[1, 2, 1], [1, 1, 2]] }).y_pred).toEqual([[0.25, 0.5, 0.25], [0.25, 0.25, 0.5]]);
    const r = randomize(defaultDoc(), 3, 4, 5);
    expect(dims(r)).toMatchObject({ batch: 4, classes: 5 });
    expect(Number.isFinite(value(r))).toBe(true);
    expect(dims(resizeAll(defaultDoc(), 3, 4))).toMatchObject({ batch: 3, classes: 4 });
  });
});
