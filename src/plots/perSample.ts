/** Pure shaping of an engine result into per-sample bars, their weights and the reduction line. */
import type { EngineResult, Tensor } from '../engine/types';
import { unravel } from '../engine/tensor';

export interface Bar {
  /** Flat per-sample index (the linking index). */
  index: number;
  /** Index path in the per-sample shape, e.g. "1" or "1, 3". */
  label: string;
  value: number;
  /** Merged sample_weight x mask for this sample; null without weights. */
  weight: number | null;
  /** Per-entry values along the feature axis (BCE, CCE, focal, KLD, Poisson), when the loss has them. */
  entries: number[] | null;
}

export interface PerSampleData {
  bars: Bar[];
  shape: number[];
  /** Reference line: the reduced loss (or a metric's result()). */
  reduced: { value: number; label: string } | null;
  /** Largest per-entry count among the bars (0 when none). */
  entryCount: number;
}

/** Value of `w` (broadcast NumPy-style) at flat index i of `shape`. */
export function broadcastAt(w: Tensor, shape: number[], i: number): number {
  if (w.data.length === 1) return w.data[0];
  const idx = unravel(i, shape);
  let k = 0;
  const off = shape.length - w.shape.length;
  for (let d = 0; d < w.shape.length; d++) k = k * w.shape[d] + (w.shape[d] === 1 ? 0 : idx[d + off] ?? 0);
  return w.data[k];
}

export function perSampleData(result: EngineResult): PerSampleData {
  if (result.kind === 'metric') {
    const snap = result.snapshots[result.snapshots.length - 1];
    const values = snap?.values ?? { shape: [0], data: new Float64Array(0) };
    const bars = Array.from(values.data, (v, i) => ({ index: i, label: unravel(i, values.shape).join(', '), value: v, weight: null, entries: null }));
    return { bars, shape: values.shape, reduced: snap ? { value: snap.result, label: 'result()' } : null, entryCount: 0 };
  }
  const shape = result.perSample.shape;
  const per = result.steps?.find((s) => s.name === 'per_entry')?.tensor;
  // Per-entry values group by sample when the feature axis is the last one.
  const D = per && per.shape.length === shape.length + 1 && per.data.length === result.perSample.data.length * per.shape[per.shape.length - 1]
    ? per.shape[per.shape.length - 1] : 0;
  const bars = Array.from(result.perSample.data, (v, i): Bar => ({
    index: i,
    label: shape.length ? unravel(i, shape).join(', ') : '0',
    value: v,
    weight: result.weights ? broadcastAt(result.weights, shape, i) : null,
    entries: D ? Array.from(per!.data.subarray(i * D, i * D + D)) : null,
  }));
  const red = result.reduction;
  const reduced = red && red.denominator !== null && result.value.shape.length === 0
    ? { value: result.value.data[0], label: red.reduction }
    : null;
  return { bars, shape, reduced, entryCount: D };
}

/** Flat per-sample index a linked grid cell belongs to (its leading indices), or the linked sample itself. */
export function sampleOfLink(link: { sample: number | null; cell: { field: string; index: number[] } | null }, shape: number[]): number | null {
  if (link.sample !== null) return link.sample;
  if (!link.cell || shape.length === 0) return link.cell ? 0 : null;
  const idx = link.cell.index.slice(0, shape.length);
  if (idx.length < shape.length || idx.some((v, d) => v >= shape[d])) return null;
  return idx.reduce((k, v, d) => k * shape[d] + v, 0);
}
