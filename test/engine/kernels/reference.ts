/**
 * A plain scalar reference for the fused kernels, written from the shared spec (sections 2-4):
 * Math.log/exp/pow in float64, with Math.fround at the steps where Keras's float32 result
 * depends on rounding (smoothed labels, r = p/s, 1 - p_c, sigmoid and softmax outputs, p_t).
 * Deliberately naive: one row, one formula at a time.
 */
import type { KernelCall } from '../../../src/engine/accelerate';

const f = Math.fround;
export const LO = f(1e-7);
export const HI = 1 - 2 ** -23;
const clip = (x: number, lo: number, hi: number): number => Math.min(Math.max(x, lo), hi);

export interface Reference {
  perSample: Float64Array;
  grad: Float64Array;
}

function alphaAt(call: KernelCall, j: number): number {
  return typeof call.alpha === 'number' ? call.alpha : call.alpha[j];
}

function smoothed(call: KernelCall, y: number, binary: boolean): number {
  const ls = call.label_smoothing;
  if (ls === 0) return y;
  return f(f(y * f(1 - ls)) + f(binary ? 0.5 * ls : ls / call.cols));
}

/** Keras's float32 sigmoid: XLA's 1 / (1 + exp(-z)) with every step rounded to float32. */
function sigmoid(z: number): number {
  return f(1 / f(1 + f(Math.exp(-z))));
}

/** (g_k - sum_j g_j r_j) / s: the renormalisation Jacobian applied to d v / d r. */
function throughRenormalisation(g: number[], r: number[], s: number): number[] {
  let sum = 0;
  for (let j = 0; j < g.length; j++) sum += g[j] * r[j];
  return g.map((gk) => (gk - sum) / s);
}

function row(call: KernelCall, i: number): { v: number; g: number[] } {
  const C = call.cols;
  const z = Array.from(call.yPred.subarray(i * C, (i + 1) * C));
  const yRow = call.fn === 'sparse_categorical_crossentropy' ? [] : Array.from(call.yTrue.subarray(i * C, (i + 1) * C));
  switch (call.fn) {
    case 'binary_crossentropy':
    case 'binary_focal_crossentropy': {
      const focal = call.fn === 'binary_focal_crossentropy';
      let v = 0;
      const g: number[] = [];
      for (let j = 0; j < C; j++) {
        const y = smoothed(call, yRow[j], true);
        if (call.fn === 'binary_crossentropy' && call.from_logits) {
          const x = z[j];
          v += Math.max(x, 0) - y * x + Math.log1p(Math.exp(-Math.abs(x)));
          g.push((sigmoid(x) - y) / C);
          continue;
        }
        const p = call.from_logits ? sigmoid(z[j]) : z[j];
        const pc = clip(p, LO, HI);
        const inside = p >= LO && p <= HI ? 1 : 0;
        const bce = -(y * Math.log(pc) + (1 - y) * Math.log(f(1 - pc)));
        const dBce = (inside * (pc - y)) / (pc * f(1 - pc));
        if (!focal) {
          v += bce;
          g.push(dBce / C);
          continue;
        }
        const gamma = call.gamma;
        const q = f(1 - f(f(y * p) + f(f(1 - y) * f(1 - p))));
        const fq = Math.pow(q, gamma);
        const dq = gamma === 0 ? 0 : gamma * Math.pow(q, gamma - 1);
        const a = alphaAt(call, j);
        const w = call.apply_class_balancing ? y * a + (1 - y) * (1 - a) : 1;
        v += w * fq * bce;
        let dp = w * (dq * (1 - 2 * y) * bce + fq * dBce);
        if (call.from_logits) dp *= p * (1 - p);
        g.push(dp / C);
      }
      return { v: v / C, g };
    }
    case 'categorical_crossentropy':
    case 'categorical_focal_crossentropy':
    case 'sparse_categorical_crossentropy': {
      let y: number[];
      if (call.fn === 'sparse_categorical_crossentropy') {
        const label = call.yTrue[i];
        if (call.ignore_class !== null && label === call.ignore_class) return { v: 0, g: new Array(C).fill(0) };
        y = Array.from({ length: C }, (_, j) => (j === label ? 1 : 0));
      } else {
        y = yRow.map((t) => smoothed(call, t, false));
      }
      const focal = call.fn === 'categorical_focal_crossentropy';
      if (call.from_logits && !focal) {
        const m = Math.max(...z);
        const s = z.reduce((acc, zj) => acc + Math.exp(zj - m), 0);
        const lse = m + Math.log(s);
        const sy = y.reduce((a, b) => a + b, 0);
        const v = y.reduce((acc, yj, j) => acc + yj * (lse - z[j]), 0);
        return { v, g: z.map((zj, j) => (sy * Math.exp(zj - m)) / s - y[j]) };
      }
      let p = z;
      if (call.from_logits) {
        const m = Math.max(...z);
        const s = z.reduce((acc, zj) => acc + Math.exp(zj - m), 0);
        p = z.map((zj) => f(Math.exp(zj - m) / s));
      }
      const s = call.from_logits ? 1 : f(p.reduce((a, b) => a + b, 0));
      const r = p.map((pj) => (call.from_logits ? pj : f(pj / s)));
      let v = 0;
      const gr: number[] = [];
      for (let j = 0; j < C; j++) {
        const rc = clip(r[j], LO, HI);
        const inside = r[j] >= LO && r[j] <= HI ? 1 : 0;
        if (!focal) {
          v += -y[j] * Math.log(rc);
          gr.push((-inside * y[j]) / rc);
          continue;
        }
        const a = alphaAt(call, j);
        const base = f(1 - rc);
        const fq = Math.pow(base, call.gamma);
        const dq = call.gamma === 0 ? 0 : call.gamma * Math.pow(base, call.gamma - 1);
        v += a * fq * (-y[j] * Math.log(rc));
        gr.push(inside * a * y[j] * (dq * Math.log(rc) - fq / rc));
      }
      if (call.from_logits) {
        // d v / d z_k = p_k (g_k - sum_j p_j g_j)
        const sum = gr.reduce((acc, gj, j) => acc + gj * p[j], 0);
        return { v, g: gr.map((gk, k) => p[k] * (gk - sum)) };
      }
      return { v, g: throughRenormalisation(gr, r, s) };
    }
    case 'kl_divergence': {
      let v = 0;
      const g: number[] = [];
      for (let j = 0; j < C; j++) {
        const yc = clip(yRow[j], LO, 1);
        const pc = clip(z[j], LO, 1);
        v += yc * Math.log(f(yc / pc));
        g.push(z[j] >= LO && z[j] <= 1 ? -yc / pc : 0);
      }
      return { v, g };
    }
    case 'poisson': {
      let v = 0;
      const g: number[] = [];
      for (let j = 0; j < C; j++) {
        const pe = f(z[j] + LO);
        v += z[j] - yRow[j] * Math.log(pe);
        g.push((1 - yRow[j] / pe) / C);
      }
      return { v: v / C, g };
    }
  }
}

/** Per-sample values and rowScale-weighted gradient of a kernel call, in float64. */
export function reference(call: KernelCall): Reference {
  const perSample = new Float64Array(call.rows);
  const grad = new Float64Array(call.rows * call.cols);
  for (let i = 0; i < call.rows; i++) {
    const { v, g } = row(call, i);
    perSample[i] = v;
    const c = call.rowScale === null ? 1 : call.rowScale[i];
    for (let j = 0; j < call.cols; j++) grad[i * call.cols + j] = g[j] * c;
  }
  return { perSample, grad };
}

/** A KernelCall with Keras's defaults for everything not given. */
export function makeCall(partial: Partial<KernelCall> & Pick<KernelCall, 'fn' | 'rows' | 'cols' | 'yTrue' | 'yPred'>): KernelCall {
  return {
    from_logits: false,
    label_smoothing: 0,
    gamma: 2,
    alpha: 0.25,
    apply_class_balancing: false,
    ignore_class: null,
    rowScale: null,
    ...partial,
  };
}
