import { describe, expect, it } from 'vitest';
import type { EngineRequest } from '../../src/engine/types';
import { defaultDoc, type ExampleDoc } from '../../src/document/document';
import { docToRequest, requestToDoc } from '../../src/document/request';

const metricDoc: ExampleDoc = {
  ...defaultDoc(),
  kind: 'metric',
  name: 'BinaryCrossentropy',
  config: { from_logits: true },
  semantics: 'tf_keras2',
  updates: [
    { y_true: [[0, 1]], y_pred: [[0.6, 0.4]], sample_weight: null },
    { y_true: [[0, 1]], y_pred: [[0.6, 0.4]], sample_weight: [1] },
  ],
  reset_before: [1],
};

describe('docToRequest', () => {
  it('docToRequest maps a loss doc to {kind, name, config, y_true, y_pred} with grad and steps on', () => {
    expect(docToRequest(defaultDoc())).toEqual({
      req: {
        kind: 'loss', name: 'SparseCategoricalCrossentropy', config: {},
        y_true: [1, 2], y_pred: [[0.05, 0.95, 0], [0.1, 0.8, 0.1]],
      },
      opts: { dtype: 'float32', semantics: 'keras3', kerasBackend: 'tensorflow', grad: true, steps: true },
    });
  });

  it('docToRequest passes sample_weight only when the doc has one', () => {
    const { req } = docToRequest({ ...defaultDoc(), sample_weight: [0.3, 0.7] });
    expect(req).toMatchObject({ sample_weight: [0.3, 0.7] });
  });

  it('docToRequest maps a metric doc to updates and reset_before, leaving out null weights', () => {
    expect(docToRequest(metricDoc)).toEqual({
      req: {
        kind: 'metric', name: 'BinaryCrossentropy', config: { from_logits: true },
        updates: [
          { y_true: [[0, 1]], y_pred: [[0.6, 0.4]] },
          { y_true: [[0, 1]], y_pred: [[0.6, 0.4]], sample_weight: [1] },
        ],
        reset_before: [1],
      },
      opts: { dtype: 'float32', semantics: 'tf_keras2', kerasBackend: 'tensorflow', grad: true, steps: true },
    });
  });

  it('docToRequest copies the config, so the engine cannot change the doc', () => {
    const doc = defaultDoc();
    expect(docToRequest(doc).req.config).not.toBe(doc.config);
  });
});

describe('requestToDoc', () => {
  it.each<[string, ExampleDoc]>([
    ['a loss doc', { ...defaultDoc(), name: 'Poisson', sample_weight: [1, 2], config: { reduction: 'sum' } }],
    ['a function doc', { ...defaultDoc(), kind: 'function', name: 'kl_divergence', dtype: 'float64' }],
    ['a metric doc', metricDoc],
  ])('requestToDoc(docToRequest(doc)) gives back %s', (_, doc) => {
    const { req, opts } = docToRequest(doc);
    expect(requestToDoc(req, opts, doc)).toEqual(doc);
  });

  it('requestToDoc reads tensors given as {shape, data} into nested lists', () => {
    const req: EngineRequest = {
      kind: 'loss', name: 'BinaryCrossentropy',
      y_true: { shape: [2, 2], data: new Float64Array([0, 1, 0, 0]) },
      y_pred: { shape: [2, 2], data: new Float32Array([0.5, 0.25, 0.75, 1]) },
    };
    const doc = requestToDoc(req);
    expect(doc.y_true).toEqual([[0, 1], [0, 0]]);
    expect(doc.y_pred).toEqual([[0.5, 0.25], [0.75, 1]]);
    expect(doc.sample_weight).toBeNull();
  });
});
