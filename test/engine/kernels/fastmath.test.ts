/**
 * The JS kernels' inlineable exp/log (src/engine/kernels/fastmath.ts) against Math.exp/Math.log:
 * they must be indistinguishable at float32 precision (6e-8), so the bounds are far tighter.
 */
import { describe, expect, it } from 'vitest';
import { fexp, flog, flog1p, littleEndian } from '../../../src/engine/kernels/fastmath';
import { rng } from '../wasm/helpers';

function worstRelative(f: (x: number) => number, ref: (x: number) => number, xs: number[]): number {
  let worst = 0;
  for (const x of xs) {
    const e = ref(x);
    const err = Math.abs(f(x) - e) / Math.max(Math.abs(e), Number.MIN_VALUE);
    if (!(err <= worst)) worst = err;
  }
  return worst;
}

const next = rng(42);
/** Every float32 exponent, random mantissas. */
const positives = Array.from({ length: 200_000 }, () => Math.fround(2 ** (next() * 276 - 149) * (1 + next())));

describe('fastmath', () => {
  it('runs on a little-endian engine', () => {
    expect(littleEndian()).toBe(true);
  });

  it('flog agrees with Math.log to 1e-11 relative over the float32 range', () => {
    const xs = positives.filter((x) => Math.abs(Math.log(x)) > 1e-3);
    expect(worstRelative(flog, Math.log, xs)).toBeLessThan(1e-11);
    // near 1 the absolute error is what matters
    for (const x of [1, 1 - 2 ** -24, 1 + 2 ** -23, 0.999, 1.001]) expect(Math.abs(flog(x) - Math.log(x))).toBeLessThan(1e-15);
  });

  it('fexp agrees with Math.exp to 2e-11 relative on [-745, 709]', () => {
    const xs = Array.from({ length: 200_000 }, () => next() * 1454 - 745);
    expect(worstRelative(fexp, Math.exp, xs.filter((x) => x > -708))).toBeLessThan(2e-11);
    expect(fexp(-800)).toBe(0);
    expect(Number.isNaN(fexp(NaN))).toBe(true);
  });

  it('flog1p keeps full relative accuracy for tiny arguments', () => {
    const xs = Array.from({ length: 100_000 }, () => 2 ** (-next() * 140));
    expect(worstRelative(flog1p, Math.log1p, xs)).toBeLessThan(1e-11);
  });
});
