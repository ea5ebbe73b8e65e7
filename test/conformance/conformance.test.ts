/**
 * Every recorded Keras case (docs.jsonl and public.jsonl, recorded on JAX; backends.jsonl, each
 * case on TensorFlow, JAX, torch and NumPy) is its own test, in float64 and float32,
 * compared exactly as `npm run cli -- check` compares it (src/cli/cases.ts: runCase + checkOutput),
 * so the CLI and the test suite cannot disagree. Then the seed documents' printed examples, each in
 * the semantics it was written for (Keras 3 docs, and the legacy tf.keras 2 docs of spec §9).
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkOutput, runCase, type Case } from '../../src/cli/cases';
import type { DType, Semantics } from '../../src/engine';
import { expectClose, expectPrinted, SPEC_TOL } from '../helpers/close';
import { DTYPES, loss, metric, scalar, SPEC, value } from '../helpers/engine';

const here = dirname(fileURLToPath(import.meta.url));

function load(file: string): (Case & { id: string })[] {
  return readFileSync(resolve(here, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Case & { id: string });
}

const FILES = { 'docs.jsonl': load('docs.jsonl'), 'public.jsonl': load('public.jsonl') };
const BACKENDS = load('backends.jsonl');

describe('conformance data', () => {
  it('holds the 445 recorded Keras cases with unique ids', () => {
    const all = [...FILES['docs.jsonl'], ...FILES['public.jsonl']];
    expect(all).toHaveLength(445);
    expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
  });
});

describe.each(Object.entries(FILES))('%s (Keras 3 on JAX)', (_file, cases) => {
  describe.each(DTYPES)('%s', (dtype) => {
    it.each(cases)('$id', (c) => {
      const out = runCase(c, dtype, 'keras3', 'auto', 'jax');
      expect(checkOutput(c, out, dtype, 'jax'), JSON.stringify(out).slice(0, 300)).toBeNull();
    });
  });
});

describe('backends.jsonl: each case on the backend that recorded it', () => {
  it('holds 988 cases on each of the four backends', () => {
    const per = new Map<string, number>();
    for (const c of BACKENDS) per.set(String(c.keras_backend), (per.get(String(c.keras_backend)) ?? 0) + 1);
    expect(Object.fromEntries(per)).toEqual({ jax: 988, tensorflow: 988, torch: 988, numpy: 988 });
  });

  describe.each(DTYPES)('%s', (dtype) => {
    it.each(BACKENDS.map((c) => [`${c.id}@${String(c.keras_backend)}`, c] as const))('%s', (_name, c) => {
      const out = runCase(c, dtype, 'keras3', 'auto', 'tensorflow');
      expect(checkOutput(c, out, dtype, 'tensorflow'), JSON.stringify(out).slice(0, 300)).toBeNull();
    });
  });
});

/** Float32 unit in the last place at x: the resolution of a float32 repr such as 0.81492424. */
function f32ulp(x: number): number {
  return 2 ** (Math.floor(Math.log2(Math.abs(x))) - 23);
}

/**
 * A doc prints the float32 result; the float32 engine must print the same digits, the float64 engine
 * must land within one float32 ulp of them.
 */
function expectDocValue(actual: number, printed: string, dtype: DType, label: string): void {
  if (dtype === 'float32') expectPrinted(actual, printed, label);
  else expect(Math.abs(actual - Number(printed)), `${label}: ${actual} vs doc ${printed}`).toBeLessThanOrEqual(f32ulp(Number(printed)));
}

describe('seed documents: tf.keras 2 loss docs (tf_keras2 semantics, spec §9)', () => {
  const semantics: Semantics = 'tf_keras2';
  const { P, Ys, Yc } = SPEC;
  describe.each(DTYPES)('%s', (dtype) => {
    describe.each([
      ['SparseCategoricalCrossentropy', Ys],
      ['CategoricalCrossentropy', Yc],
    ] as const)('tf.keras.losses.%s', (name, yTrue) => {
      it("uses reduction 'auto' by default and prints 1.177", () => {
        const r = loss(name, {}, yTrue, P, { dtype, semantics });
        expect(r.config.reduction).toBe('auto');
        expectPrinted(scalar(r), '1.177');
      });
      it('prints 0.814 with sample_weight=[0.3, 0.7]', () => {
        expectPrinted(scalar(loss(name, {}, yTrue, P, { dtype, semantics, sample_weight: [0.3, 0.7] })), '0.814');
      });
      it("prints 2.354 with reduction='sum'", () => {
        expectPrinted(scalar(loss(name, { reduction: 'sum' }, yTrue, P, { dtype, semantics })), '2.354');
      });
      it("prints [0.0513, 2.303] with reduction='none'", () => {
        const v = value(loss(name, { reduction: 'none' }, yTrue, P, { dtype, semantics })) as number[];
        expectPrinted(v[0], '0.0513');
        expectPrinted(v[1], '2.303');
      });
    });
    it('tf.keras SparseCategoricalCrossentropy renormalises after clipping (0.051293444, not 0.051293306; spec §8 B3)', () => {
      const v = value(loss('SparseCategoricalCrossentropy', { reduction: 'none' }, Ys, P, { dtype, semantics })) as number[];
      expectClose(v, [0.051293444, 2.3025851], { rtol: 1e-6, atol: 1e-9 });
    });
  });
});

describe('seed documents: metric docs', () => {
  const { P, Ys, Yc, Bt, Bp } = SPEC;
  describe.each(DTYPES)('%s', (dtype) => {
    it.each([
      ['SparseCategoricalCrossentropy', Ys],
      ['CategoricalCrossentropy', Yc],
    ] as const)('%s metric prints 1.1769392, then 1.6271976 after reset_state with sample_weight=[0.3, 0.7]', (name, yTrue) => {
      const m = metric(name, {}, [
        { y_true: yTrue, y_pred: P },
        { y_true: yTrue, y_pred: P, sample_weight: [0.3, 0.7] },
      ], { dtype, reset_before: [1] });
      expectDocValue(m.results[0], '1.1769392', dtype, 'unweighted');
      expectDocValue(m.results[1], '1.6271976', dtype, 'weighted');
    });

    it('BinaryCrossentropy metric doc digits 0.81492424 and 0.9162905 are tf.keras 2 digits (eps inside the logs, spec §9.2)', () => {
      const m = metric('BinaryCrossentropy', {}, [
        { y_true: Bt, y_pred: Bp },
        { y_true: Bt, y_pred: Bp, sample_weight: [1, 0] },
      ], { dtype, semantics: 'tf_keras2', reset_before: [1] });
      expectDocValue(m.results[0], '0.81492424', dtype, 'unweighted');
      expectDocValue(m.results[1], '0.9162905', dtype, 'weighted');
    });

    it('BinaryCrossentropy metric in Keras 3 gives 0.8149245 and 0.91629076 instead (spec §11 rows 8-9)', () => {
      const m = metric('BinaryCrossentropy', {}, [
        { y_true: Bt, y_pred: Bp },
        { y_true: Bt, y_pred: Bp, sample_weight: [1, 0] },
      ], { dtype, reset_before: [1] });
      expectDocValue(m.results[0], '0.8149245', dtype, 'unweighted');
      expectDocValue(m.results[1], '0.91629076', dtype, 'weighted');
      // ...and these are measurably not the doc's digits.
      expect(Math.abs(m.results[0] - 0.81492424)).toBeGreaterThan(3 * f32ulp(0.81492424));
      expect(Math.abs(m.results[1] - 0.9162905)).toBeGreaterThan(3 * f32ulp(0.9162905));
    });

    it('KLDivergence metric prints 0.45814306, then 0.9162892 with sample_weight=[1, 0]', () => {
      const m = metric('KLDivergence', {}, [
        { y_true: Bt, y_pred: Bp },
        { y_true: Bt, y_pred: Bp, sample_weight: [1, 0] },
      ], { dtype, reset_before: [1] });
      expectDocValue(m.results[0], '0.45814306', dtype, 'unweighted');
      expectDocValue(m.results[1], '0.9162892', dtype, 'weighted');
    });

    it('Poisson metric prints 0.49999997, then 0.99999994 with sample_weight=[1, 0] (float y_pred)', () => {
      const yPred = [[1, 1], [0, 0]];
      const m = metric('Poisson', {}, [
        { y_true: Bt, y_pred: yPred },
        { y_true: Bt, y_pred: yPred, sample_weight: [1, 0] },
      ], { dtype, reset_before: [1] });
      // (1 − log(1 + 1e-7)) / 2 / 2 samples: ε inside the log keeps it just under 0.5.
      expectDocValue(m.results[0], '0.49999997', dtype, 'unweighted');
      expectDocValue(m.results[1], '0.99999994', dtype, 'weighted');
    });
  });
});

describe('seed documents: Keras 3 loss docs (keras3 semantics)', () => {
  const { P, Ys, Yc, Y1, Z1, Y2, Z2, Bt, Bp } = SPEC;
  describe.each(DTYPES)('%s', (dtype) => {
    const o = { dtype };
    it.each([
      ['SparseCategoricalCrossentropy', Ys],
      ['CategoricalCrossentropy', Yc],
    ] as const)('%s prints 1.177, 0.814, 2.354 and [0.0513, 2.303]', (name, yTrue) => {
      expectPrinted(scalar(loss(name, {}, yTrue, P, o)), '1.177');
      expectPrinted(scalar(loss(name, {}, yTrue, P, { ...o, sample_weight: [0.3, 0.7] })), '0.814');
      expectPrinted(scalar(loss(name, { reduction: 'sum' }, yTrue, P, o)), '2.354');
      const v = value(loss(name, { reduction: null }, yTrue, P, o)) as number[];
      expectPrinted(v[0], '0.0513');
      expectPrinted(v[1], '2.303');
    });

    it('BinaryCrossentropy(from_logits=True) prints 0.8654, 0.8654, 0.243, 1.730 and [0.235, 1.496]', () => {
      const bce = (config: Record<string, unknown>, y: typeof Y1 | typeof Y2, z: typeof Z1 | typeof Z2, sw?: number[]) =>
        loss('BinaryCrossentropy', { from_logits: true, ...config }, y, z, { ...o, sample_weight: sw });
      expectPrinted(scalar(bce({}, Y1, Z1)), '0.8654');
      expectPrinted(scalar(bce({}, Y2, Z2)), '0.8654');
      expectPrinted(scalar(bce({}, Y2, Z2, [0.8, 0.2])), '0.243');
      expectPrinted(scalar(bce({ reduction: 'sum' }, Y2, Z2)), '1.730');
      const v = value(bce({ reduction: null }, Y2, Z2)) as number[];
      expectPrinted(v[0], '0.235');
      expectPrinted(v[1], '1.496');
    });

    it('BinaryFocalCrossentropy(from_logits=True) prints every documented value', () => {
      const bfce = (config: Record<string, unknown>, y: typeof Y1 | typeof Y2, z: typeof Z1 | typeof Z2, sw?: number[]) =>
        loss('BinaryFocalCrossentropy', { from_logits: true, ...config }, y, z, { ...o, sample_weight: sw });
      const balanced = { apply_class_balancing: true };
      expectPrinted(scalar(bfce({ gamma: 2 }, Y1, Z1)), '0.691');
      expectPrinted(scalar(bfce({ gamma: 2, ...balanced }, Y1, Z1)), '0.51');
      expectPrinted(scalar(bfce({ gamma: 3 }, Y2, Z2)), '0.647');
      expectPrinted(scalar(bfce({ gamma: 3, ...balanced }, Y2, Z2)), '0.482');
      expectPrinted(scalar(bfce({ gamma: 3 }, Y2, Z2, [0.8, 0.2])), '0.133');
      expectPrinted(scalar(bfce({ gamma: 3, ...balanced }, Y2, Z2, [0.8, 0.2])), '0.097');
      expectPrinted(scalar(bfce({ gamma: 4, reduction: 'sum' }, Y2, Z2)), '1.222');
      expectPrinted(scalar(bfce({ gamma: 4, reduction: 'sum', ...balanced }, Y2, Z2)), '0.914');
      const v = value(bfce({ gamma: 5, reduction: null }, Y2, Z2)) as number[];
      expectPrinted(v[0], '0.0017');
      expectPrinted(v[1], '1.1561');
      const w = value(bfce({ gamma: 5, reduction: null, ...balanced }, Y2, Z2)) as number[];
      expectPrinted(w[0], '0.0004');
      expectPrinted(w[1], '0.8670');
    });

    it('CategoricalFocalCrossentropy prints 0.23315276, 0.1632, 0.46631 and [3.2058331e-05, 4.6627346e-01]', () => {
      const yTrue = [[0, 1, 0], [0, 0, 1]];
      expectDocValue(scalar(loss('CategoricalFocalCrossentropy', {}, yTrue, P, o)), '0.23315276', dtype, 'default');
      expectPrinted(scalar(loss('CategoricalFocalCrossentropy', {}, yTrue, P, { ...o, sample_weight: [0.3, 0.7] })), '0.1632');
      expectPrinted(scalar(loss('CategoricalFocalCrossentropy', { reduction: 'sum' }, yTrue, P, o)), '0.46631');
      const v = value(loss('CategoricalFocalCrossentropy', { reduction: null }, yTrue, P, o)) as number[];
      expectClose(v, [3.2058331e-5, 4.6627346e-1], SPEC_TOL);
    });

    it('binary_crossentropy, categorical_crossentropy and sparse_categorical_crossentropy print their documented arrays', () => {
      const b = value(loss('BinaryCrossentropy', { reduction: null }, Bt, Bp, o)) as number[];
      expectPrinted(b[0], '0.916');
      expectPrinted(b[1], '0.714');
      for (const v of [
        value(loss('CategoricalCrossentropy', { reduction: null }, Yc, P, o)),
        value(loss('SparseCategoricalCrossentropy', { reduction: null }, Ys, P, o)),
      ] as number[][]) {
        expectPrinted(v[0], '0.0513');
        expectPrinted(v[1], '2.303');
      }
    });
  });
});
