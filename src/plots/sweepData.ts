/** Pure shaping of an engine Sweep into drawable lines (thin per sample, thick reduced) and a table. */
import type { Sweep } from '../engine/sweep';
import { exactNumber } from '../ui/common/format';
import { extentOf, finite, type Domain } from './domains';
import type { TableData } from './DataTable';
import { LINE, REDUCED_COLOUR, sampleColour } from './theme';

export interface SweepLine {
  key: string;
  /** Flat per-sample index, or null for the reduced line. */
  sample: number | null;
  variant: number;
  label: string;
  colour: string;
  width: number;
  dash?: string;
  ys: Float64Array;
}

const DASHES = [undefined, '6 3', '2 3'];

export function sweepLines(s: Sweep): SweepLine[] {
  const lines: SweepLine[] = [];
  const multi = s.curves.length > 1;
  s.curves.forEach((c, v) => {
    const suffix = multi ? ` (${c.label})` : '';
    c.perSample.forEach((ys, k) => lines.push({
      key: `${v}:${s.samples[k]}`, sample: s.samples[k], variant: v, label: `sample ${s.samples[k]}${suffix}`,
      colour: sampleColour(s.samples[k]), width: LINE.sample, dash: DASHES[v], ys,
    }));
    if (c.reduced) lines.push({ key: `${v}:reduced`, sample: null, variant: v, label: `reduced${suffix}`, colour: REDUCED_COLOUR, width: LINE.reduced, dash: DASHES[v], ys: c.reduced });
  });
  return lines;
}

export function sweepDomain(lines: SweepLine[]): Domain {
  return extentOf(finite(...lines.map((l) => l.ys)), [0]);
}

/** Linear interpolation of ys over xs at x (for the current-value marker). */
export function valueAt(xs: ArrayLike<number>, ys: ArrayLike<number>, x: number): number {
  if (x <= xs[0]) return ys[0];
  for (let i = 1; i < xs.length; i++) {
    if (x <= xs[i]) {
      const t = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
      return ys[i - 1] + t * (ys[i] - ys[i - 1]);
    }
  }
  return ys[ys.length - 1];
}

export function nearestIndex(xs: ArrayLike<number>, x: number): number {
  let best = 0;
  for (let i = 1; i < xs.length; i++) if (Math.abs(xs[i] - x) < Math.abs(xs[best] - x)) best = i;
  return best;
}

export function sweepTable(s: Sweep, lines: SweepLine[], caption: string): TableData {
  return {
    caption,
    columns: [s.param, ...lines.map((l) => l.label)],
    rows: Array.from(s.xs, (x, n) => [exactNumber(x), ...lines.map((l) => exactNumber(l.ys[n]))]),
  };
}
