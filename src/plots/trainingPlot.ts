/**
 * Shared geometry of the two training plots: steps on x, a value on y, one path per series (a
 * series is a strided view into the engine's arrays, so no copy per sample), and the nearest step
 * to a pointer.
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import type { TrainTrace } from '../engine/train';
import { extentOf, finite, type Domain } from './domains';
import { MARGIN as M } from './theme';

/** The compared run's dash, in both plots and their legends. */
export const COMPARE_DASH = '7 4';

export interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export function frameOf(width: number, height: number): Frame {
  return { width, height, left: M.left, right: width - M.right, top: M.top, bottom: height - M.bottom };
}

/** x of step k in a run of `steps` updates. */
export function stepScale(steps: number, f: Frame) {
  return scaleLinear([0, Math.max(1, steps)], [f.left, f.right]);
}

/** Values of one series: v(k) for k = 0..steps (stride/offset into a row-major record). */
export interface Series {
  data: ArrayLike<number>;
  stride: number;
  offset: number;
}

export const whole = (data: ArrayLike<number>): Series => ({ data, stride: 1, offset: 0 });
export const valueAt = (s: Series, k: number): number => s.data[k * s.stride + s.offset];

/** Sample j's column of a trace's trueProb. */
export const sampleSeries = (t: TrainTrace, j: number): Series => ({ data: t.trueProb, stride: t.samples.length, offset: j });

/**
 * An SVG path through the finite values, clamped to the plot; a non-finite value (a stopped run)
 * breaks it. Built by hand: 1,001 points times a few dozen series on every new run.
 */
export function seriesPath(s: Series, steps: number, x: (k: number) => number, y: (v: number) => number, f: Frame): string {
  let d = '';
  let pen = false;
  for (let k = 0; k <= steps; k++) {
    const v = valueAt(s, k);
    if (!Number.isFinite(v)) { pen = false; continue; }
    const py = Math.max(f.top, Math.min(f.bottom, y(v)));
    d += `${pen ? 'L' : 'M'}${x(k).toFixed(1)},${py.toFixed(1)}`;
    pen = true;
  }
  return d;
}

/**
 * The loss axis: linear from 0, or logarithmic when every loss is positive and they span more than
 * two decades (a reduction='sum' comparison, or a loss falling towards 0), so both runs stay legible.
 */
export function lossScale(traces: TrainTrace[], f: Frame) {
  const vals = traces.map((t) => t.loss);
  let lo = Infinity, hi = -Infinity;
  for (const v of finite(...vals)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (lo > 0 && hi / lo > 100) return { scale: scaleLog([lo / 1.2, hi * 1.2], [f.bottom, f.top]), log: true };
  const dom: Domain = extentOf(finite(...vals), [0]);
  return { scale: scaleLinear(dom, [f.bottom, f.top]).nice(), log: false };
}

/** Log-axis ticks: powers of ten inside the domain (more when it spans less than two decades). */
export function logTicks([a, b]: number[]): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(a)); e <= Math.ceil(Math.log10(b)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= a && v <= b) out.push(v);
    }
  }
  const decades = out.filter((v) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9);
  return decades.length >= 3 ? decades.filter((_, i) => i % Math.ceil(decades.length / 6) === 0) : out;
}

/** The step whose x is nearest to px. */
export function stepAt(px: number, steps: number, f: Frame): number {
  return Math.max(0, Math.min(steps, Math.round(((px - f.left) / Math.max(1, f.right - f.left)) * steps)));
}

/** What both training plots take: the two runs, their labels, the size and the shown step. */
export interface TrainPlotProps {
  main: TrainTrace;
  compare: TrainTrace | null;
  labels: [string, string | null];
  width: number;
  height: number;
  step: number;
  onSeek(step: number): void;
  busy: boolean;
  version: string;
}
