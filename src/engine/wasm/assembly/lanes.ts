/**
 * Four-rows-at-a-time addressing. Kernels put row i, i+1, i+2, i+3 of a [rows, cols] matrix in
 * the four f32x4 lanes and walk the columns, so the per-row reductions (max, sum, dot) are plain
 * vertical vector ops and small class counts (C = 10) cost no horizontal shuffles. When fewer
 * than four rows remain the last row repeats in the spare lanes: those lanes compute the same
 * values and store them to the same addresses, so the tail needs no separate code path.
 */
import { vc, ONE, LO, HI } from './consts';

/** Loads element `off` (bytes) of four rows whose starts are a0..a3. */
// @ts-ignore: decorator
@inline export function load4(a0: usize, a1: usize, a2: usize, a3: usize, off: usize): v128 {
  let v = v128.load32_zero(a0 + off);
  v = v128.load32_lane(a1 + off, v, 1);
  v = v128.load32_lane(a2 + off, v, 2);
  return v128.load32_lane(a3 + off, v, 3);
}

/** Stores the four lanes of v to element `off` (bytes) of four rows. */
// @ts-ignore: decorator
@inline export function store4(a0: usize, a1: usize, a2: usize, a3: usize, off: usize, v: v128): void {
  v128.store32_lane(a0 + off, v, 0);
  v128.store32_lane(a1 + off, v, 1);
  v128.store32_lane(a2 + off, v, 2);
  v128.store32_lane(a3 + off, v, 3);
}

/** Row index for lane k of the block starting at row i (the last row repeats). */
// @ts-ignore: decorator
@inline export function laneRow(i: i32, k: i32, rows: i32): i32 {
  return min(i + k, rows - 1);
}

/** The per-row gradient coefficient c_i of four rows, or 1 when there is none (ptr 0). */
// @ts-ignore: decorator
@inline export function loadRowScale(rs: usize, r0: i32, r1: i32, r2: i32, r3: i32): v128 {
  if (rs == 0) return vc(ONE);
  return load4(rs + (<usize>r0 << 2), rs + (<usize>r1 << 2), rs + (<usize>r2 << 2), rs + (<usize>r3 << 2), 0);
}

/** Stores one value per row (perSample) for four rows. */
// @ts-ignore: decorator
@inline export function storeRows(out: usize, r0: i32, r1: i32, r2: i32, r3: i32, v: v128): void {
  store4(out + (<usize>r0 << 2), out + (<usize>r1 << 2), out + (<usize>r2 << 2), out + (<usize>r3 << 2), 0, v);
}

/** True when any lane of an accumulator of (x - x) terms is NaN, i.e. some input was not finite. */
// @ts-ignore: decorator
@inline export function sawNonFinite(acc: v128): bool {
  return v128.any_true(f32x4.ne(acc, acc));
}


/** Kernel status: computed. */
export const OK: i32 = 0;
/**
 * Kernel status: an input fell outside what the kernel reproduces (a non-finite value, a
 * renormalisation sum <= 0, a negative focal base with non-integer gamma, ...). The outputs are
 * then garbage and the caller answers with the reference engine, which reports NaN and inf the
 * way Keras does.
 */
export const UNSUPPORTED: i32 = 1;

/** Clip to [LO, HI] with pmin/pmax (one instruction each on x64). */
// @ts-ignore: decorator
@inline export function clipUnit(x: v128): v128 {
  return f32x4.pmin(f32x4.pmax(x, vc(LO)), vc(HI));
}
