/** Pure helpers of the gradient-curve chart: default cell, compared settings, dead-gradient spans, ticks. */
import { kwarg } from '../engine/catalog';
import { ticks } from 'd3-array';
import type { ExampleDoc, GradientCompare } from '../document/document';
import { fnOfDoc, type CurveVariantSpec } from './jobs';

export type CompareMode = GradientCompare;

function rowOf(x: unknown, row: number): number[] | number | null {
  if (!Array.isArray(x)) return typeof x === 'number' ? x : null;
  const r = x[Math.min(row, x.length - 1)] as unknown;
  return Array.isArray(r) && typeof r[0] === 'number' ? (r as number[]) : typeof r === 'number' ? r : Array.isArray(r) ? rowOf(r, 0) : null;
}

const argmax = (a: number[]) => a.reduce((best, v, j) => (v > a[best] ? j : best), 0);

/** [row, class] the curve uses when the view selects nothing: the label class of the row (or y_pred's argmax). */
export function defaultSelection(doc: ExampleDoc, row = 0): [number, number] {
  const yt = rowOf(doc.y_true, row);
  const yp = rowOf(doc.y_pred, row);
  if (typeof yt === 'number' && Array.isArray(yp)) return [row, Math.max(0, Math.min(yp.length - 1, Math.round(yt)))];
  if (Array.isArray(yt) && yt.some((v) => v !== yt[0])) return [row, argmax(yt)];
  return [row, Array.isArray(yp) ? argmax(yp) : 0];
}

const FOCAL_OF: Record<string, string> = {
  binary_crossentropy: 'binary_focal_crossentropy', binary_focal_crossentropy: 'binary_focal_crossentropy',
  categorical_crossentropy: 'categorical_focal_crossentropy', categorical_focal_crossentropy: 'categorical_focal_crossentropy',
};

/** The curves to overlay for a compare mode. Focal overlays use alpha = 1 (no balancing), so gamma = 0 is plain cross-entropy. */
export function curveVariants(doc: ExampleDoc, mode: CompareMode): CurveVariantSpec[] {
  const fn = fnOfDoc(doc);
  const here: CurveVariantSpec = { label: doc.name };
  if (mode === 'dtype') return [{ label: 'float32', dtype: 'float32' }, { label: 'float64', dtype: 'float64' }];
  if (mode === 'smoothing' && fn !== 'sparse_categorical_crossentropy' && fn in FOCAL_OF) {
    const ls = kwarg(doc.config, 'label_smoothing');
    const other = ls === 0 ? 0.1 : 0;
    return [{ label: `label_smoothing=${ls}`, config: { label_smoothing: ls } }, { label: `label_smoothing=${other}`, config: { label_smoothing: other } }];
  }
  const focal = FOCAL_OF[fn];
  if (mode === 'focal' && focal) {
    const balance = focal.startsWith('binary') ? { apply_class_balancing: false } : { alpha: 1 };
    return [0, 0.5, 2, 5].map((g) => ({ label: g === 0 && !fn.includes('focal') ? `${doc.name}` : `γ=${g}${focal.startsWith('binary') ? '' : ', α=1'}`, name: focal, config: { ...balance, gamma: g } }));
  }
  return [here];
}

/** Which compare modes make sense for this loss. */
export function compareModes(doc: ExampleDoc): CompareMode[] {
  const fn = fnOfDoc(doc);
  const modes: CompareMode[] = ['none'];
  if (fn in FOCAL_OF) modes.push('focal', 'smoothing');
  return [...modes, 'dtype'];
}

/** The view's overlay and x axis, where they apply to this doc (a link may name one that does not). */
export function gradientView(doc: ExampleDoc): { mode: CompareMode; space: 'linear' | 'logit' } {
  const mode = doc.view.compare ?? 'none';
  return { mode: compareModes(doc).includes(mode) ? mode : 'none', space: doc.view.space ?? 'linear' };
}

/** Spans [x0, x1] of xs where the gradient is exactly 0 (the clip killed it). */
export function deadSpans(xs: ArrayLike<number>, grad: ArrayLike<number>): [number, number][] {
  const spans: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= xs.length; i++) {
    const dead = i < xs.length && grad[i] === 0;
    if (dead && start < 0) start = i;
    if (!dead && start >= 0) { spans.push([xs[start], xs[i - 1]]); start = -1; }
  }
  return spans;
}

export const logit = (p: number): number => Math.log(p / (1 - p));

/** Ticks of a probability axis drawn in logit space. */
export const LOGIT_TICKS = [1e-7, 1e-5, 1e-3, 0.1, 0.5, 0.9, 1 - 1e-3, 1 - 1e-5, 1 - 1e-7];

/** Symlog-friendly ticks: 0 and signed powers of ten (|v| >= 1) inside the domain, at most ~7. */
export function symlogTicks([lo, hi]: [number, number]): number[] {
  const pos: number[] = [], neg: number[] = [];
  for (let e = 0; e <= 15; e++) {
    if (10 ** e <= hi) pos.push(10 ** e);
    if (-(10 ** e) >= lo) neg.push(-(10 ** e));
  }
  const thin = (a: number[], k: number) => a.filter((_, i) => (a.length - 1 - i) % k === 0);
  const k = Math.max(1, Math.ceil((pos.length + neg.length) / 6));
  const out = [...thin(neg, k).reverse(), 0, ...thin(pos, k)];
  // A small domain (|v| < 10) is nearly linear on a symlog axis: linear ticks label it (not just "0").
  if (out.length < 3) return [...new Set([...out, ...ticks(lo, hi, 4)])].sort((a, b) => a - b);
  return out;
}

/** Probability ticks of a logit axis inside [lo, hi] (in logit units). */
export function logitTicks(lo: number, hi: number): number[] {
  return [1e-15, 1e-12, 1e-9, ...LOGIT_TICKS, 1 - 1e-9, 1 - 1e-12].filter((p) => logit(p) >= lo && logit(p) <= hi);
}

/** Drops ticks closer than `minPx` to the previous kept one (a symlog axis crowds near 0). */
export function spaced(ticks: number[], scale: (v: number) => number, minPx = 14): number[] {
  const out: number[] = [];
  for (const t of [...ticks].sort((a, b) => Math.abs(a) - Math.abs(b))) {
    if (out.every((o) => Math.abs(scale(o) - scale(t)) >= minPx)) out.push(t);
  }
  return out.sort((a, b) => a - b);
}
