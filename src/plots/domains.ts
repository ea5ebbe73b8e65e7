/** Pure helpers for axis domains: extents of data, and the "axes stay fixed while a slider moves" rule. */
export type Domain = [number, number];

/** Finite extent of `values` plus `include` (non-finite values of either are left out), padded by `pad` of its span; [0, 1] when empty. */
export function extentOf(values: Iterable<number>, include: number[] = [], pad = 0.05): Domain {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  for (const v of include) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (lo === Infinity) return [0, 1];
  if (lo === hi) return lo === 0 ? [0, 1] : [Math.min(0, lo), Math.max(0, hi) || 1];
  const p = (hi - lo) * pad;
  return [lo < 0 || !include.includes(lo) ? lo - p : lo, hi + p];
}

/** Finite values of several arrays, without copying them into one. */
export function* finite(...arrays: ArrayLike<number>[]): Iterable<number> {
  for (const a of arrays) for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i])) yield a[i];
}

export function contains(outer: Domain, inner: Domain): boolean {
  const eps = 1e-12 * Math.max(1, Math.abs(outer[0]), Math.abs(outer[1]));
  return inner[0] >= outer[0] - eps && inner[1] <= outer[1] + eps;
}

export interface Sticky {
  key: string;
  domain: Domain;
}

/**
 * The domain to draw: unchanged while `key` (what the chart shows: loss, shape, tab) stays the
 * same, so a moving slider shows motion instead of rescaling; recomputed when the key changes.
 */
export function stickyDomain(prev: Sticky | null, key: string, computed: Domain): Sticky {
  return prev && prev.key === key ? prev : { key, domain: computed };
}
