/**
 * Test helpers: the built SIMD kernels (built on demand when the file is missing or older than
 * its sources), closeness checks, seeded random inputs, and the conformance cases that map onto
 * a single kernel call.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { KernelCall, KernelFn } from '../../../src/engine/accelerate';
import { kernelWasmPath } from '../../../src/engine/wasm/node';

const root = fileURLToPath(new URL('../../../', import.meta.url));

let built = false;

/** The kernels_simd.wasm bytes, building them first if needed (`npm run build:wasm` normally has). */
export function wasmBytes(): Uint8Array<ArrayBuffer> {
  if (!built) {
    execFileSync(process.execPath, ['scripts/build-wasm.mjs', '--if-missing'], { cwd: root, stdio: 'pipe' });
    built = true;
  }
  return new Uint8Array(readFileSync(kernelWasmPath()));
}

export interface Tolerance {
  rtol: number;
  atol: number;
}

/** Largest violation of |a - e| <= atol + rtol |e| over two arrays (<= 0 means all close). */
export function worstExcess(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: Tolerance): { excess: number; index: number } {
  let excess = -Infinity;
  let index = -1;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (Number.isNaN(e) && Number.isNaN(a)) continue;
    const d = Math.abs(a - e) - (tol.atol + tol.rtol * Math.abs(e));
    if (!(d <= excess)) {
      excess = Number.isNaN(d) ? Infinity : d;
      index = i;
    }
  }
  return { excess, index };
}

/** Asserts elementwise closeness, naming the first worst index and both values. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: Tolerance, what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  const { excess, index } = worstExcess(actual, expected, tol);
  if (excess > 0) {
    expect.fail(`${what}[${index}]: expected ${expected[index]}, received ${actual[index]} (rtol ${tol.rtol}, atol ${tol.atol})`);
  }
}

/** Mulberry32: small seeded generator so failures replay. */
export { mulberry32 as rng } from '../../../src/ui/inputs/random';

export const ALL_FNS: KernelFn[] = [
  'binary_crossentropy', 'binary_focal_crossentropy', 'categorical_crossentropy',
  'sparse_categorical_crossentropy', 'categorical_focal_crossentropy', 'kl_divergence', 'poisson',
];

/** Random inputs of the kind each loss expects (labels, probabilities, logits). */
export function randomInputs(fn: KernelFn, rows: number, cols: number, logits: boolean, next: () => number) {
  const n = rows * cols;
  const yPred = new Float32Array(n);
  const sparse = fn === 'sparse_categorical_crossentropy';
  const yTrue = new Float32Array(sparse ? rows : n);
  for (let i = 0; i < n; i++) {
    yPred[i] = logits ? (next() - 0.5) * 12 : fn === 'poisson' ? next() * 3 : 0.001 + next() * 0.998;
  }
  for (let i = 0; i < rows; i++) {
    const label = Math.floor(next() * cols);
    if (sparse) yTrue[i] = label;
    for (let j = 0; j < cols && !sparse; j++) {
      const k = i * cols + j;
      if (fn === 'categorical_crossentropy' || fn === 'categorical_focal_crossentropy') yTrue[k] = j === label ? 1 : 0;
      else if (fn === 'kl_divergence') yTrue[k] = next();
      else if (fn === 'poisson') yTrue[k] = Math.floor(next() * 4);
      else yTrue[k] = next() < 0.5 ? 0 : 1;
    }
  }
  return { yTrue, yPred };
}

// ---------------------------------------------------------------------------------------------
// Conformance cases (shared/conformance/*.jsonl) that are one 2-D kernel call.

type Nested = number | Nested[];
interface Case {
  id: string;
  kind: string;
  name: string;
  config: Record<string, unknown>;
  y_true?: Nested;
  y_pred?: Nested;
  sample_weight?: Nested;
  expect: { value?: Nested; value_f64?: Nested; grad?: Nested; error?: string };
}

const CLASS_TO_FN: Record<string, KernelFn> = {
  BinaryCrossentropy: 'binary_crossentropy',
  BinaryFocalCrossentropy: 'binary_focal_crossentropy',
  CategoricalCrossentropy: 'categorical_crossentropy',
  SparseCategoricalCrossentropy: 'sparse_categorical_crossentropy',
  CategoricalFocalCrossentropy: 'categorical_focal_crossentropy',
  KLDivergence: 'kl_divergence',
  Poisson: 'poisson',
};

function shapeOf(x: Nested): number[] {
  const shape: number[] = [];
  let cur: Nested = x;
  while (Array.isArray(cur)) {
    shape.push(cur.length);
    cur = cur[0];
  }
  return shape;
}

const flat = (x: Nested): number[] => (Array.isArray(x) ? x.flatMap(flat) : [x]);

export interface ConformanceCall {
  id: string;
  call: KernelCall;
  /** function: per-sample values; loss: the reduced value or, for reduction none, v_i W_i. */
  expected: number[];
  expectedF64: number[];
  grad: number[] | null;
  /** Turns per-sample values into what `expected` holds. */
  reduce: (perSample: ArrayLike<number>) => number[];
  /**
   * Rows whose renormalised probability p/sum(p) lands exactly on a clip bound: the recorded JAX
   * gradient (lax.clamp, strict inequalities) is 0 there while the spec passes it in full (B6).
   * The conformance README drops such cases only when y_pred itself sits on a bound.
   */
  tieRows: Set<number>;
}

/** The conformance cases of the seven kernel losses that are 2-D with the class axis last. */
export function conformanceCalls(): ConformanceCall[] {
  const files = ['public.jsonl', 'docs.jsonl'].map((name) => `/work/shared/conformance/${name}`);
  const out: ConformanceCall[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const c = JSON.parse(line) as Case;
      const mapped = toCall(c);
      if (mapped !== null) out.push(mapped);
    }
  }
  return out;
}

function toCall(c: Case): ConformanceCall | null {
  if (c.kind !== 'loss' && c.kind !== 'function') return null;
  const fn = c.kind === 'loss' ? CLASS_TO_FN[c.name] : (c.name as KernelFn);
  if (fn === undefined || !(Object.values(CLASS_TO_FN) as string[]).includes(fn)) return null;
  if (c.expect.error !== undefined || c.expect.value === undefined || c.y_true === undefined || c.y_pred === undefined) return null;
  const cfg = c.config ?? {};
  if (cfg.axis !== undefined && cfg.axis !== -1) return null;
  const predShape = shapeOf(c.y_pred);
  if (predShape.length !== 2) return null;
  const [rows, cols] = predShape;
  const trueShape = shapeOf(c.y_true);
  const sparse = fn === 'sparse_categorical_crossentropy';
  const yTrue = new Float32Array(flat(c.y_true));
  if (sparse) {
    const ok = (trueShape.length === 1 && trueShape[0] === rows) || (trueShape.length === 2 && trueShape[0] === rows && trueShape[1] === 1);
    if (!ok) return null;
  } else {
    const same = trueShape.length === 2 && trueShape[0] === rows && trueShape[1] === cols;
    // Loss classes align y_true [B] with y_pred [B, 1] (spec 1.3).
    const aligned = c.kind === 'loss' && cols === 1 && trueShape.length === 1 && trueShape[0] === rows;
    if (!same && !aligned) return null;
  }
  const alphaCfg = cfg.alpha;
  const alpha = Array.isArray(alphaCfg) ? new Float32Array(alphaCfg as number[]) : typeof alphaCfg === 'number' ? alphaCfg : 0.25;
  const ignore = cfg.ignore_class;
  const call: KernelCall = {
    fn, rows, cols, yTrue, yPred: new Float32Array(flat(c.y_pred)),
    from_logits: cfg.from_logits === true,
    label_smoothing: typeof cfg.label_smoothing === 'number' ? cfg.label_smoothing : 0,
    gamma: typeof cfg.gamma === 'number' ? cfg.gamma : 2,
    alpha,
    apply_class_balancing: cfg.apply_class_balancing === true,
    ignore_class: typeof ignore === 'number' ? ignore : null,
    rowScale: null,
  };
  const weights = reductionWeights(c, call);
  if (weights === null) return null;
  call.rowScale = weights.rowScale;
  return {
    id: c.id, call, tieRows: tieRows(call),
    expected: flat(c.expect.value), expectedF64: flat(c.expect.value_f64 ?? c.expect.value),
    grad: c.expect.grad === undefined ? null : flat(c.expect.grad),
    reduce: weights.reduce,
  };
}

function tieRows(call: KernelCall): Set<number> {
  const rows = new Set<number>();
  const renormalised = ['categorical_crossentropy', 'sparse_categorical_crossentropy', 'categorical_focal_crossentropy'];
  if (call.from_logits || !renormalised.includes(call.fn)) return rows;
  const lo = Math.fround(1e-7);
  const hi = 1 - 2 ** -23;
  for (let i = 0; i < call.rows; i++) {
    const row = call.yPred.subarray(i * call.cols, (i + 1) * call.cols);
    const s = Math.fround(row.reduce((a, b) => a + b, 0));
    if (row.some((p) => Math.fround(p / s) === lo || Math.fround(p / s) === hi)) rows.add(i);
  }
  return rows;
}

/**
 * Spec 1.4 and 6 for per-sample values [B]: merged weights W_i (sample_weight x ignore_class
 * mask), the reduced value, and the gradient coefficients c_i = d(sum of output)/d v_i.
 */
function reductionWeights(c: Case, call: KernelCall): { rowScale: Float32Array; reduce: ConformanceCall['reduce'] } | null {
  const B = call.rows;
  const reduction = c.kind === 'function' ? 'none' : ((c.config.reduction as string | undefined) ?? 'sum_over_batch_size');
  let w: number[] | null = null;
  let scalarWeight = false;
  if (c.sample_weight !== undefined) {
    const s = shapeOf(c.sample_weight);
    const values = flat(c.sample_weight);
    if (s.length === 0) {
      scalarWeight = true;
      w = new Array(B).fill(values[0]);
    } else if ((s.length === 1 && s[0] === B) || (s.length === 2 && s[0] === B && s[1] === 1)) {
      w = values;
    } else return null;
  }
  let mask: number[] | null = null;
  if (call.fn === 'sparse_categorical_crossentropy' && call.ignore_class !== null) {
    mask = Array.from(call.yTrue, (label) => (label === call.ignore_class ? 0 : 1));
  }
  const W = new Array(B).fill(1);
  let sumW = w === null ? B : scalarWeight ? w[0] : w.reduce((a, b) => a + b, 0);
  if (mask !== null) {
    const valid = mask.reduce((a, b) => a + b, 0);
    const countMode = reduction === 'sum_over_batch_size' || reduction === 'mean';
    const mw = countMode ? (valid === 0 ? 0 : B / valid) : 1;
    for (let i = 0; i < B; i++) W[i] = mask[i] * mw * (w === null ? 1 : w[i]);
    sumW = W.reduce((a, b) => a + b, 0);
  } else if (w !== null) {
    for (let i = 0; i < B; i++) W[i] = w[i];
  }
  const coef = W.map((Wi) => {
    if (reduction === 'sum_over_batch_size' || reduction === 'mean') return Wi / B;
    if (reduction === 'mean_with_sample_weight') return sumW === 0 ? 0 : Wi / sumW;
    return Wi;
  });
  const reduce = (v: ArrayLike<number>): number[] => {
    const weighted = Array.from(v, (vi, i) => vi * W[i]);
    if (reduction === 'none') return weighted;
    const S = weighted.reduce((a, b) => a + b, 0);
    if (reduction === 'sum') return [S];
    if (reduction === 'mean_with_sample_weight') return [sumW === 0 ? 0 : S / sumW];
    return [S / B];
  };
  return { rowScale: new Float32Array(coef), reduce };
}

export const repoRoot = root;
