/**
 * The exported snippets must print the number the playground shows. Python cannot run here, so the
 * Keras snippets are parsed back (literal tensors, the class or function, its kwargs, dtype) and
 * the parsed call is evaluated by the engine; the TensorFlow.js snippet runs for real on tfjs-core.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/index';
import type { DType, EngineRequest, EngineResult, Nested, Semantics } from '../../src/engine/types';
import { PRESETS } from '../../src/presets';
import { defaultDoc, type ExampleDoc } from '../../src/document/document';
import { docToRequest } from '../../src/document/request';
import { codeTargets, exportCode, shownNumbers } from '../../src/ui/header/codeExport';
import { parseTensorText } from '../../src/ui/inputs/pasteParse';
import { CTC_EXAMPLE } from '../../src/document/examples';

const run = (doc: ExampleDoc): EngineResult => {
  const { req, opts } = docToRequest(doc);
  return evaluate(req, opts);
};

/** Python kwargs text -> object (True/False/None, numbers, strings, lists). */
function parseKwargs(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let depth = 0;
  let cur = '';
  const parts: string[] = [];
  for (const ch of text) {
    if (ch === '[') depth++;
    if (ch === ']') depth--;
    if (ch === ',' && depth === 0) { parts.push(cur); cur = ''; } else cur += ch;
  }
  if (cur.trim()) parts.push(cur);
  for (const p of parts) {
    const [k, ...v] = p.split('=');
    out[k.trim()] = JSON.parse(v.join('=').trim().replace(/\bTrue\b/g, 'true').replace(/\bFalse\b/g, 'false').replace(/\bNone\b/g, 'null'));
  }
  return out;
}

const tensor = (lit: string): Nested => {
  const r = parseTensorText(lit);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

/** Reads a Python snippet back into engine requests: one per print(), with the comment it carries. */
function parsePython(code: string): { req: EngineRequest; dtype: DType; semantics: Semantics; expected: string[] } {
  const vars: Record<string, Nested> = {};
  for (const m of code.matchAll(/^(\w+) = (?:np\.array|tf\.constant)\((.*), dtype=/gm)) vars[m[1]] = tensor(m[2]);
  const floatx: DType = /set_floatx\("float64"\)/.test(code) ? 'float64' : 'float32';
  const semantics: Semantics = /import tf_keras as keras/.test(code) ? 'tf_keras2' : 'keras3';
  const expected = [...code.matchAll(/# Loss Playground: (.*)$/gm)].map((m) => m[1]);
  const take = (kw: Record<string, unknown>) => {
    const { dtype, ...config } = kw;
    return { config, dtype: (dtype as DType | undefined) ?? floatx };
  };
  const cls = /^(loss|metric) = keras\.(losses|metrics)\.(\w+)\((.*)\)$/m.exec(code);
  if (cls?.[1] === 'metric') {
    const { config, dtype } = take(parseKwargs(cls[4]));
    const updates: { y_true: Nested; y_pred: Nested; sample_weight?: Nested }[] = [];
    const reset_before: number[] = [];
    for (const line of code.split('\n')) {
      if (line === 'metric.reset_state()') reset_before.push(updates.length);
      const u = /^metric\.update_state\(y_true(\w*), y_pred\w*(?:, sample_weight=sample_weight\w*)?\)/.exec(line);
      if (u) updates.push({ y_true: vars[`y_true${u[1]}`], y_pred: vars[`y_pred${u[1]}`], ...(line.includes('sample_weight=') ? { sample_weight: vars[`sample_weight${u[1]}`] } : {}) });
    }
    return { req: { kind: 'metric', name: cls[3], config, updates, reset_before }, dtype, semantics, expected };
  }
  const base = { y_true: vars.y_true, y_pred: vars.y_pred, ...(vars.sample_weight ? { sample_weight: vars.sample_weight } : {}) };
  if (cls) {
    const { config, dtype } = take(parseKwargs(cls[4]));
    expect(code).toMatch(new RegExp(`print\\(loss\\(y_true, y_pred${vars.sample_weight ? ', sample_weight=sample_weight' : ''}\\)`));
    return { req: { kind: 'loss', name: cls[3], config, ...base }, dtype, semantics, expected };
  }
  const f = /print\(keras\.losses\.(\w+)\(y_true, y_pred(?:, (.*))?\)(?:\.numpy\(\))?\)/.exec(code)!;
  const { config, dtype } = take(f[2] ? parseKwargs(f[2]) : {});
  return { req: { kind: 'function', name: f[1], config, ...base }, dtype, semantics, expected };
}

const P = [[0.05, 0.95, 0], [0.1, 0.8, 0.1]];
const doc = (patch: Partial<ExampleDoc>): ExampleDoc => ({ ...defaultDoc(), ...patch });
const EXAMPLES: [string, ExampleDoc][] = [
  ['the default example', defaultDoc()],
  ['float64 with sample_weight and reduction="sum"', doc({ dtype: 'float64', sample_weight: [0.3, 0.7], config: { reduction: 'sum' } })],
  ['ignore_class with reduction=None', doc({ y_true: [1, -1], config: { ignore_class: -1, reduction: 'none' } })],
  ['CategoricalCrossentropy from logits with label_smoothing', doc({ name: 'CategoricalCrossentropy', y_true: [[0, 1, 0], [0, 0, 1]], y_pred: [[1, 3, -1], [0.5, 0.2, 2]], config: { from_logits: true, label_smoothing: 0.1 } })],
  ['CategoricalFocalCrossentropy with per-class alpha', doc({ name: 'CategoricalFocalCrossentropy', y_true: [[0, 1, 0], [1, 0, 0]], y_pred: [[0.2, 0.7, 0.1], [0.6, 0.5, 0.3]], config: { alpha: [0.1, 0.5, 0.4], gamma: 1.5, label_smoothing: 0.2, reduction: 'none' } })],
  ['binary_focal_crossentropy function', doc({ kind: 'function', name: 'binary_focal_crossentropy', y_true: [[0, 1], [0, 0]], y_pred: [[0.6, 0.4], [0.4, 0.6]], config: { gamma: 2 } })],
  ['CTC', doc({ name: 'CTC', ...CTC_EXAMPLE })],
  ['tf.keras 2 BinaryCrossentropy, mean_with... not allowed so sum', doc({ semantics: 'tf_keras2', name: 'BinaryCrossentropy', y_true: [[0, 1], [0, 0]], y_pred: [[0.6, 0.4], [0.4, 0.6]], config: { reduction: 'sum' } })],
  ['a metric with two updates and a reset', doc({ kind: 'metric', name: 'SparseCategoricalCrossentropy', updates: [{ y_true: [1, 2], y_pred: P, sample_weight: null }, { y_true: [1, 2], y_pred: P, sample_weight: [0.3, 0.7] }], reset_before: [1] })],
  ...PRESETS.map((p): [string, ExampleDoc] => [`preset ${p.id}`, p.doc]),
];

describe('Python snippets reproduce the playground number', () => {
  it.each(EXAMPLES)('%s', (_, d) => {
    const result = run(d);
    const target = codeTargets(d)[0];
    expect(target.unavailable).toBeNull();
    const code = exportCode(d, target.target, result);
    const parsed = parsePython(code);
    expect(parsed.semantics).toBe(d.semantics);
    const again = evaluate(parsed.req, { dtype: parsed.dtype, semantics: parsed.semantics });
    const shown = shownNumbers(result);
    expect(shownNumbers(again)).toEqual(shown);
    expect(parsed.expected).toEqual(shown);
  });
});

describe('TensorFlow.js snippets', () => {
  beforeAll(async () => { await tf.setBackend('cpu'); });
  const TFJS: [string, ExampleDoc][] = [
    ['BinaryCrossentropy from logits (docs)', PRESETS.find((p) => p.id === 'bce-2')!.doc],
    ['BinaryCrossentropy with sample_weight', PRESETS.find((p) => p.id === 'bce-3')!.doc],
    ['SparseCategoricalCrossentropy from logits, sum', doc({ y_pred: [[1, 3, -1], [0.5, 0.2, 2]], config: { from_logits: true, reduction: 'sum' } })],
    ['CategoricalCrossentropy from logits with smoothing and weights', doc({ name: 'CategoricalCrossentropy', y_true: [[0, 1, 0], [0, 0, 1]], y_pred: [[1, 3, -1], [0.5, 0.2, 2]], sample_weight: [0.3, 0.7], config: { from_logits: true, label_smoothing: 0.2, reduction: 'mean_with_sample_weight' } })],
    ['categorical_crossentropy function', doc({ kind: 'function', name: 'categorical_crossentropy', y_true: [[0, 1, 0], [0, 0, 1]], y_pred: [[1, 3, -1], [0.5, 0.2, 2]], config: { from_logits: true } })],
  ];
  it.each(TFJS)('%s runs on tfjs-core and prints the playground number', (_, d) => {
    expect(codeTargets(d)[1].unavailable).toBeNull();
    const result = run(d);
    const code = exportCode(d, 'tfjs', result);
    const body = code.replace(/^import .*$/m, '').replace('loss.print();', 'return loss;');
    const out = new Function('tf', body)(tf) as tf.Tensor;
    const got = Array.from(out.dataSync());
    const want = result.kind === 'metric' ? [] : Array.from(result.value.data);
    expect(got).toHaveLength(want.length);
    got.forEach((x, i) => expect(Math.abs(x - want[i])).toBeLessThanOrEqual(1e-5 * Math.abs(want[i]) + 1e-6));
    expect(code).toContain(`// Loss Playground: ${shownNumbers(result)[0]}`);
  });
  it('says why when TensorFlow.js has no such loss', () => {
    expect(codeTargets(defaultDoc())[1].unavailable).toMatch(/take logits/);
    expect(codeTargets(doc({ name: 'CTC' }))[1].unavailable).toMatch(/no CTC/);
    expect(exportCode(doc({ name: 'Poisson' }), 'tfjs', null)).toMatch(/^\/\/ Not available/);
  });
});

describe('the Keras backend in the exported code', () => {
  const lines = (d: ExampleDoc) => exportCode(d, 'keras3', null).split('\n');

  it.each(['tensorflow', 'jax', 'torch', 'numpy'] as const)('sets KERAS_BACKEND = "%s" after import os and before import keras', (b) => {
    const code = lines({ ...defaultDoc(), kerasBackend: b });
    const set = code.indexOf(`os.environ["KERAS_BACKEND"] = "${b}"`);
    expect(set).toBeGreaterThan(code.indexOf('import os'));
    expect(code.indexOf('import os')).toBeGreaterThanOrEqual(0);
    expect(set).toBeLessThan(code.indexOf('import keras'));
  });

  it('tf.keras 2 code has no KERAS_BACKEND (it runs on TensorFlow only)', () => {
    expect(exportCode({ ...defaultDoc(), semantics: 'tf_keras2', kerasBackend: 'jax' }, 'tf_keras2', null)).not.toMatch(/KERAS_BACKEND/);
  });
});
