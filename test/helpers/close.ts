/**
 * Shared numeric assertions. Tolerances are explicit and named after where they come from:
 * the conformance README (test/conformance/README.md), the spec's recommendation (§0) and Keras's
 * own test helpers (keras/src/testing/test_case.py), so a failing test says which contract broke.
 *
 * |actual − expected| ≤ atol + rtol·|expected|, elementwise (NumPy's allclose rule).
 */
import { assert } from 'vitest';
import type { DType, Tensor } from '../../src/engine';

export interface Tolerance {
  rtol: number;
  atol: number;
}

/** Conformance README: float64 implementation vs `value_f64` / `results_f64`. */
export const F64_TOL: Tolerance = { rtol: 1e-6, atol: 1e-9 };
/** Conformance README: JAX accumulates the mean over the last axis (BCE, BFCE, Poisson) and metric totals in float32. */
export const F64_MEAN_TOL: Tolerance = { rtol: 2e-6, atol: 1e-9 };
/** Conformance README: float32 implementation vs `value` / `results`. */
export const F32_TOL: Tolerance = { rtol: 1e-4, atol: 1e-6 };
/** Conformance README: `grad` (float64), elementwise. */
export const GRAD_TOL: Tolerance = { rtol: 1e-5, atol: 1e-8 };
/** Conformance README: CTC runs in float32 on every Keras backend. */
export const CTC_VALUE_TOL: Tolerance = { rtol: 1e-5, atol: 1e-5 };
export const CTC_GRAD_TOL: Tolerance = { rtol: 1e-4, atol: 5e-6 };
/** Spec §0: recommended tolerance against the "exact (Keras 3)" float32 numbers of the spec, either dtype. */
export const SPEC_TOL: Tolerance = { rtol: 1e-5, atol: 1e-6 };
/** Keras `assertAllClose` defaults. */
export const KERAS_ALL_CLOSE: Tolerance = { rtol: 1e-6, atol: 1e-6 };
/** Central finite differences (test/helpers/fd.ts, h = 1e-6) vs an analytic gradient. */
export const FD_TOL: Tolerance = { rtol: 1e-5, atol: 1e-7 };
/** Two dtypes of the engine, away from clip bounds (float32 keeps ~7 significant digits). */
export const DTYPE_AGREEMENT_TOL: Tolerance = { rtol: 1e-5, atol: 1e-6 };

/** Exact equality (−0 equals 0): gradients that must vanish, values that must not move. */
export const EXACT: Tolerance = { rtol: 0, atol: 0 };

/** Keras `assertAlmostEqual(x, y, decimal)` = `np.testing.assert_almost_equal`: |x − y| < 1.5·10^−decimal. */
export function kerasAlmostEqual(decimal = 3): Tolerance {
  return { rtol: 0, atol: 1.5 * 10 ** -decimal };
}

/** Keras `assertAllClose(x, y, atol=…)` with rtol left at its 1e-6 default. */
export function kerasAllClose(atol: number): Tolerance {
  return { rtol: 1e-6, atol };
}

/** The conformance tolerance for values computed in `dtype`. */
export function valueTol(dtype: DType): Tolerance {
  return dtype === 'float64' ? F64_TOL : F32_TOL;
}

export type Numeric = number | ArrayLike<number> | Tensor | NestedNumbers;
export interface NestedNumbers extends ReadonlyArray<number | NestedNumbers> {}

interface Flat {
  shape: number[];
  data: number[];
}

function isTensor(x: unknown): x is Tensor {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && 'shape' in x && 'data' in x;
}

function flatten(x: Numeric, what: string): Flat {
  if (typeof x === 'number') return { shape: [], data: [x] };
  if (isTensor(x)) return { shape: x.shape.slice(), data: Array.from(x.data) };
  if (ArrayBuffer.isView(x)) return { shape: [(x as ArrayLike<number>).length], data: Array.from(x as ArrayLike<number>) };
  const shape: number[] = [];
  let cur: unknown = x;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    cur = cur[0];
  }
  const data: number[] = [];
  const walk = (v: unknown, depth: number, path: string): void => {
    if (depth === shape.length) {
      if (typeof v !== 'number') assert.fail(`${what}${path} is ${JSON.stringify(v)}, expected a number`);
      data.push(v as number);
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) {
      assert.fail(`${what}${path} is ragged: expected ${shape[depth]} entries, got ${JSON.stringify(v)?.slice(0, 80)}`);
    }
    (v as unknown[]).forEach((e, i) => walk(e, depth + 1, `${path}[${i}]`));
  };
  walk(x, 0, '');
  return { shape, data };
}

function indexPath(flat: number, shape: number[]): string {
  if (shape.length === 0) return '';
  const idx: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    idx.unshift(flat % shape[d]);
    flat = Math.floor(flat / shape[d]);
  }
  return idx.map((i) => `[${i}]`).join('');
}

/** True when `a` is within tolerance of `e` (NaN matches NaN, ±Infinity matches itself). */
export function isClose(a: number, e: number, tol: Tolerance): boolean {
  if (Number.isNaN(e)) return Number.isNaN(a);
  if (a === e) return true;
  if (!Number.isFinite(e) || !Number.isFinite(a)) return false;
  return Math.abs(a - e) <= tol.atol + tol.rtol * Math.abs(e);
}

/**
 * Assert `actual` ≈ `expected` elementwise. Either side may be a number, a (typed) array, a nested
 * list or an engine Tensor; shapes must agree (a scalar matches a shape-[] tensor). The failure
 * names the first index that differs and the tolerance in force.
 */
export function expectClose(actual: Numeric, expected: Numeric, tol: Tolerance, label = 'value'): void {
  const a = flatten(actual, `${label} (actual)`);
  const e = flatten(expected, `${label} (expected)`);
  if (a.shape.length !== e.shape.length || a.shape.some((d, i) => d !== e.shape[i])) {
    assert.fail(`${label}: shape [${a.shape.join(', ')}] differs from the expected [${e.shape.join(', ')}]`);
  }
  for (let i = 0; i < e.data.length; i++) {
    if (!isClose(a.data[i], e.data[i], tol)) {
      const err = Math.abs(a.data[i] - e.data[i]);
      assert.fail(
        `${label}${indexPath(i, e.shape)}: expected ${e.data[i]}, got ${a.data[i]} ` +
          `(|diff| = ${err.toExponential(3)} > atol ${tol.atol} + rtol ${tol.rtol}·|expected|)`,
      );
    }
  }
}

/**
 * Documentation prints a number at some precision, often truncated (Keras's 0.8654 for 0.865458)
 * and sometimes rounded (0.46631 for 0.46630552). Assert that `actual`, truncated or rounded to the
 * printed number of decimals, reads as `printed`. Exponent notation counts the mantissa's digits.
 */
export function expectPrinted(actual: number, printed: string, label = 'value'): void {
  const m = /^(-?)(\d+)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(printed.trim());
  if (!m) throw new Error(`expectPrinted: cannot parse the printed value ${printed}`);
  const decimals = (m[3] ?? '').length - Number(m[4] ?? 0);
  const want = Number(printed);
  const scale = 10 ** decimals;
  const x = actual * scale;
  // A hair of slack absorbs the binary representation of the scaled value (0.29·100 = 28.999…).
  const slack = 1e-9 * Math.max(1, Math.abs(x));
  const truncated = Math.sign(x) * Math.floor(Math.abs(x) + slack);
  const rounded = Math.round(x);
  const target = Math.round(want * scale);
  if (truncated !== target && rounded !== target) {
    assert.fail(`${label}: ${actual} does not print as ${printed} (truncated ${truncated / scale}, rounded ${rounded / scale})`);
  }
}
