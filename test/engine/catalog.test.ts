/**
 * The catalog (src/engine/catalog) is the one table of Keras names, kwargs and facts. These tests
 * hold each of its columns to what the engine computes, so a row that is wrong fails here.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initKernels } from '../../src/engine/accelerate';
import {
  BACKENDS, FUNCTIONS, IMPLEMENTATIONS, KERAS_BACKENDS, LOSS_CLASSES, METRIC_CLASSES, PARAMS, REDUCTIONS, classOfFn,
  evaluate, fromConfig, functionParams, gammaSweep, metricOfFn, type FamilyId, type FnId, type LossResult, type MetricResult,
  type Nested,
} from '../../src/engine';

/** A small valid input for each family: y_true and y_pred as that family's losses take them. */
const INPUTS: Record<FamilyId, { y_true: Nested; y_pred: Nested }> = {
  binary: { y_true: [[0, 1, 0, 1], [1, 1, 0, 0]], y_pred: [[0.2, 0.7, 0.1, 0.6], [0.6, 0.3, 0.8, 0.4]] },
  categorical: { y_true: [[0, 1, 0, 0], [1, 0, 0, 0]], y_pred: [[0.1, 0.6, 0.2, 0.1], [0.5, 0.2, 0.2, 0.1]] },
  sparse: { y_true: [1, 0], y_pred: [[0.1, 0.6, 0.2, 0.1], [0.5, 0.2, 0.2, 0.1]] },
  kld: { y_true: [[0.2, 0.3, 0.5, 0], [0.1, 0.1, 0.4, 0.4]], y_pred: [[0.1, 0.6, 0.2, 0.1], [0.5, 0.2, 0.2, 0.1]] },
  poisson: { y_true: [[1, 2, 0, 3], [0, 3, 1, 1]], y_pred: [[0.5, 2.5, 0.2, 2], [1.2, 2, 1.5, 0.7]] },
  ctc: { y_true: [[1, 2]], y_pred: [[[0.1, 0.5, 0.2], [0.3, 0.1, 0.9], [0.2, 0.4, 0.1]]] },
};

/** Spec section 7 (recorded from Keras 3.15.1): get_config() after name and reduction, with the defaults. */
const SPEC_GET_CONFIG: Record<string, Record<string, unknown>> = {
  BinaryCrossentropy: { from_logits: false, label_smoothing: 0, axis: -1 },
  BinaryFocalCrossentropy: { from_logits: false, label_smoothing: 0, axis: -1, apply_class_balancing: false, alpha: 0.25, gamma: 2 },
  CategoricalCrossentropy: { from_logits: false, label_smoothing: 0, axis: -1 },
  CategoricalFocalCrossentropy: { from_logits: false, label_smoothing: 0, axis: -1, alpha: 0.25, gamma: 2 },
  SparseCategoricalCrossentropy: { from_logits: false, ignore_class: null },
  Poisson: {},
  KLDivergence: {},
  CTC: {},
};

const FN_IDS = Object.keys(FUNCTIONS) as FnId[];
const inputOf = (fn: FnId) => INPUTS[FUNCTIONS[fn].family];
const callFn = (fn: FnId, opts = {}) =>
  evaluate({ kind: 'function', name: fn, config: {}, ...inputOf(fn) }, { steps: true, ...opts }) as LossResult;

describe('every catalog row binds to an implementation', () => {
  it('one implementation per function id, and no other', () => {
    expect(Object.keys(IMPLEMENTATIONS).sort()).toEqual([...FN_IDS].sort());
  });

  it.each(FN_IDS)('%s evaluates as a function, as its loss class and (if any) as its metric', (fn) => {
    const value = callFn(fn).value.data;
    expect(value.length).toBeGreaterThan(0);
    expect([...value].every(Number.isFinite)).toBe(true);
    const cls = evaluate({ kind: 'loss', name: classOfFn(fn), config: {}, ...inputOf(fn) }) as LossResult;
    expect(Number.isFinite(cls.value.data[0])).toBe(true);
    const metric = metricOfFn(fn);
    if (metric) {
      // A metric is the weighted mean of its function's per-sample values (MeanMetricWrapper).
      const r = evaluate({ kind: 'metric', name: metric, config: {}, updates: [inputOf(fn)] }) as MetricResult;
      const mean = [...value].reduce((a, b) => a + b, 0) / value.length;
      expect(r.results[0]).toBeCloseTo(mean, 6);
    }
  });

  it('every loss class and metric class names a function the catalog has', () => {
    for (const row of [...Object.values(LOSS_CLASSES), ...Object.values(METRIC_CLASSES)]) expect(FN_IDS).toContain(row.fn);
  });
});

describe('kwargs and get_config come from the catalog', () => {
  it.each(FN_IDS)('%s resolves every catalog param of its function to the catalog default', (fn) => {
    const defaults = Object.fromEntries(functionParams(fn).map((p) => [p.name, p.default]));
    expect(fromConfig('function', fn, {}, 'keras3').kwargs).toEqual(defaults);
    expect(fromConfig('loss', classOfFn(fn), {}, 'keras3').kwargs).toEqual(defaults);
  });

  it.each(Object.entries(SPEC_GET_CONFIG))('%s get_config() holds the keys and defaults Keras 3.15.1 writes (spec section 7)', (name, want) => {
    const row = LOSS_CLASSES[name as keyof typeof LOSS_CLASSES];
    const config = fromConfig('loss', name, {}, 'keras3').config;
    expect(config).toEqual({ name: row.fn, reduction: 'sum_over_batch_size', ...want });
    expect(Object.keys(config)).toEqual(['name', 'reduction', ...row.getConfig]);
    expect(Object.keys(config).slice(2)).toEqual(Object.keys(want));
  });

  it('the catalog has a row for every loss class of the spec and no other', () => {
    expect(Object.keys(LOSS_CLASSES).sort()).toEqual(Object.keys(SPEC_GET_CONFIG).sort());
  });

  it('a tf.keras 2 class refuses the kwargs the catalog says it fixed', () => {
    for (const [name, row] of Object.entries(LOSS_CLASSES)) {
      for (const omitted of ('tfKeras2Omits' in row ? row.tfKeras2Omits : [])) {
        expect(() => fromConfig('loss', name, { [omitted]: -1 }, 'tf_keras2')).toThrow(/Unknown parameter/);
        expect(() => fromConfig('loss', name, { [omitted]: -1 }, 'keras3')).not.toThrow();
      }
    }
  });

  it.each(Object.entries(METRIC_CLASSES))('metric %s accepts exactly its catalog params plus name and dtype', (name, row) => {
    const params: string[] = row.params.map((id) => PARAMS[id].name);
    expect(Object.keys(fromConfig('metric', name, {}, 'keras3').config)).toEqual(['name', 'dtype', ...params]);
    const others = functionParams(row.fn).map((p) => p.name).filter((p) => !params.includes(p));
    for (const p of others) expect(() => fromConfig('metric', name, { [p]: PARAMS.axis.default }, 'keras3')).toThrow(/Unknown parameter/);
    if ('tfKeras2Name' in row) expect(fromConfig('metric', name, {}, 'tf_keras2').config.name).toBe(row.tfKeras2Name);
  });

  it('a loss class takes exactly the reductions the catalog lists for the semantics', () => {
    for (const semantics of ['keras3', 'tf_keras2'] as const) {
      for (const r of REDUCTIONS[semantics]) expect(() => fromConfig('loss', 'Poisson', { reduction: r }, semantics)).not.toThrow();
      const other = semantics === 'keras3' ? 'auto' : 'mean_with_sample_weight';
      expect(() => fromConfig('loss', 'Poisson', { reduction: other }, semantics)).toThrow(/reduction/);
    }
  });
});

describe('the facts columns match the engine', () => {
  it.each(FN_IDS.filter((fn) => FUNCTIONS[fn].family !== 'sparse' && fn !== 'ctc'))(
    '%s: the per-sample value is the mean (meanOverLast) or the sum of the per-entry values',
    (fn) => {
      const r = callFn(fn);
      const entries = r.steps!.find((s) => s.name === 'per_entry')!.tensor;
      const D = entries.shape[entries.shape.length - 1];
      for (let i = 0; i < r.perSample.data.length; i++) {
        const sum = [...entries.data.slice(i * D, i * D + D)].reduce((a, b) => a + b, 0);
        expect(r.perSample.data[i]).toBeCloseTo(FUNCTIONS[fn].meanOverLast ? sum / D : sum, 10);
      }
    },
  );

  it.each(FN_IDS)('%s has focal and smoothing sweeps exactly when the catalog calls it a cross-entropy', (fn) => {
    const sweep = () => gammaSweep({ kind: 'function', name: fn, config: {}, ...inputOf(fn) }, {}, { points: 3 });
    if (FUNCTIONS[fn].crossEntropy === null) expect(sweep).toThrow(/cross-entropy/);
    else expect(sweep().xs).toHaveLength(3);
    const takesGamma = functionParams(fn).some((p) => p.name === 'gamma');
    expect(takesGamma).toBe(FUNCTIONS[fn].crossEntropy === 'focal');
  });

  it('the backends without autodiff give no gradient; the others do', () => {
    for (const kerasBackend of KERAS_BACKENDS) {
      const r = evaluate({ kind: 'loss', name: 'BinaryCrossentropy', ...INPUTS.binary }, { kerasBackend }) as LossResult;
      expect(r.grad !== undefined).toBe(BACKENDS[kerasBackend].autodiff);
    }
  });

  describe('with the JS kernels running', () => {
    beforeAll(() => initKernels({ prefer: 'js' }));

    it.each(FN_IDS)('%s runs on a fused kernel exactly when the catalog names one', (fn) => {
      // JAX: TensorFlow keeps probability-input SCCE on its own clip-and-renormalise path.
      const r = callFn(fn, { dtype: 'float32', steps: false, kernels: 'always', kerasBackend: 'jax' });
      expect(r.backend).toBe(FUNCTIONS[fn].kernel === null ? 'ts' : 'js');
    });
  });
});
