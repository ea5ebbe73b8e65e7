import { describe, expect, it } from 'vitest';
import { evaluate, evaluateMany } from '../../src/engine/index';
import type { LossResult, MetricResult } from '../../src/engine/types';
import { defaultDoc, type ExampleDoc } from '../../src/document/document';
import { docToRequest, requestOf } from '../../src/document/request';
import { mainPlan } from '../../src/state/bridge';
import { comparePlan, readCompare, reductionRows, whyDiffer } from '../../src/ui/result/compare';
import { explainReduction, explainSteps } from '../../src/ui/explain/explain';

const doc = (patch: Partial<ExampleDoc>): ExampleDoc => ({ ...defaultDoc(), ...patch });
/** The main result as the bridge asks for it (a loss class: with every reduction). */
const mainResult = (d: ExampleDoc) => {
  const [o] = evaluateMany(mainPlan({ doc: d, revision: 0, request: requestOf(d) }).build().items);
  if (!o.ok) throw new Error(o.error.message);
  return o.result;
};
const compare = (d: ExampleDoc) => {
  const plan = comparePlan(d)!;
  const out = readCompare(plan, evaluateMany(plan.items));
  // A loss class's reductions come with the main result: every reduction from that one evaluation.
  if (d.kind === 'loss') out.reductions = reductionRows(mainResult(d));
  return { plan, out };
};
const main = (d: ExampleDoc) => {
  const { req, opts } = docToRequest(d);
  return evaluate(req, opts);
};

describe('comparePlan', () => {
  it('asks for every Keras 3 reduction and the matching metric', () => {
    const { out } = compare(doc({ sample_weight: [0.3, 0.7] }));
    expect(out.reductions.map((r) => r.reduction)).toEqual(['sum_over_batch_size', 'sum', 'mean', 'mean_with_sample_weight', 'none']);
    expect(out.reductions[0].value![0]).toBeCloseTo(0.8135988, 6);
    expect(out.reductions[3].value![0]).toBeCloseTo(1.6271976, 6);
    expect(out.metric?.result?.results[0]).toBeCloseTo(1.6271976, 6);
  });
  it('uses the tf.keras 2 reductions in that mode', () => {
    expect(compare(doc({ semantics: 'tf_keras2' })).out.reductions.map((r) => r.reduction)).toEqual(['auto', 'sum_over_batch_size', 'sum', 'none']);
  });
  it('reduces a function as its class would, and a metric batch as its loss class would', () => {
    const f = compare(doc({ kind: 'function', name: 'sparse_categorical_crossentropy' }));
    expect(f.plan.lossClass).toBe('SparseCategoricalCrossentropy');
    expect(f.out.reductions[0].value![0]).toBeCloseTo(1.1769392, 6);
    const m = compare(doc({ kind: 'metric', updates: [{ y_true: [1, 2], y_pred: defaultDoc().y_pred, sample_weight: null }] }));
    expect(m.out.metric).toBeNull();
    expect(m.out.reductions[1].value![0]).toBeCloseTo(2.3538785, 6);
  });
  it('CTC has no metric', () => {
    expect(comparePlan(doc({ name: 'CTC' }))!.roles.some((r) => r.role === 'metric')).toBe(false);
  });
});

describe('whyDiffer', () => {
  const why = (d: ExampleDoc) => whyDiffer(d, main(d) as LossResult, compare(d).out.metric!.result as MetricResult);
  it('is silent when loss and metric agree', () => {
    expect(why(defaultDoc())).toBeNull();
  });
  it('explains the sample_weight denominators (0.814 vs 1.627)', () => {
    expect(why(doc({ sample_weight: [0.3, 0.7] }))).toMatch(/number of values \(N = 2\).*Σw = 1/);
  });
  it('explains ignore_class masking', () => {
    expect(why(doc({ y_true: [1, 0], config: { ignore_class: 0 } }))).toMatch(/masks the 1 label.*divides by all 2/);
  });
  it('explains reduction="sum"', () => {
    expect(why(doc({ config: { reduction: 'sum' } }))).toMatch(/adds the per-sample values/);
  });
});

describe('explainSteps', () => {
  it('lists the engine steps with notes, marks clipped entries, and explains the reduction', () => {
    const d = doc({ name: 'CategoricalCrossentropy', y_true: [[0, 1, 0], [0, 0, 1]] });
    const r = main(d) as LossResult;
    const steps = explainSteps(r, 'categorical', d.y_pred);
    expect(steps.map((s) => s.name)).toEqual(['p_renormalised', 'p_clipped', 'log_p', 'per_entry', 'per_sample']);
    expect(steps[0].note).toMatch(/divides each row by its sum/);
    expect(steps[1].changed).toEqual([2]);
    const red = explainReduction(r, 'float32')!;
    expect(red.denominator).toBe(2);
    expect(red.value).toBeCloseTo(1.1769392, 6);
  });
  it('says the binary per-sample value is a mean over the last axis', () => {
    const d = doc({ name: 'BinaryCrossentropy', y_true: [[0, 1], [0, 0]], y_pred: [[0.6, 0.4], [0.4, 0.6]] });
    const steps = explainSteps(main(d) as LossResult, 'binary', d.y_pred);
    expect(steps.find((s) => s.name === 'per_sample')!.note).toMatch(/mean over the last axis/);
  });
});
