/**
 * kl_divergence and poisson, fused forward + gradient (spec 4.1, 4.2). Both are elementwise
 * over the last axis: KL divergence SUMS it, Poisson takes the MEAN.
 */
import { logPos4 } from './math';
import { load4, store4, laneRow, loadRowScale, storeRows, sawNonFinite, OK, UNSUPPORTED } from './lanes';
import { vc, ONE, LO } from './consts';

/**
 * kl_divergence: both inputs are clipped to [LO, 1] (the upper bound is 1, not HI), then
 * v = sum_j y_c log(y_c / p_c) and dv/dp_j = -[LO <= p_j <= 1] y_c / p_c. The ratio is formed
 * first and logged once, as Keras does.
 */
export function kld_f32(yt: usize, yp: usize, rows: i32, cols: i32, out: usize, grad: usize, rs: usize): i32 {
  const stride = <usize>cols << 2;
  let finite = f32x4.splat(0);
  for (let i: i32 = 0; i < rows; i += 4) {
    const r1 = laneRow(i, 1, rows), r2 = laneRow(i, 2, rows), r3 = laneRow(i, 3, rows);
    const o0 = <usize>i * stride, o1 = <usize>r1 * stride, o2 = <usize>r2 * stride, o3 = <usize>r3 * stride;
    const p0 = yp + o0, p1 = yp + o1, p2 = yp + o2, p3 = yp + o3;
    const t0 = yt + o0, t1 = yt + o1, t2 = yt + o2, t3 = yt + o3;
    const g0 = grad + o0, g1 = grad + o1, g2 = grad + o2, g3 = grad + o3;
    const c = grad != 0 ? f32x4.neg(loadRowScale(rs, i, r1, r2, r3)) : vc(ONE);
    let acc = f32x4.splat(0);
    for (let j: usize = 0; j < stride; j += 4) {
      const p = load4(p0, p1, p2, p3, j);
      const y = load4(t0, t1, t2, t3, j);
      const xy = f32x4.add(p, y);
      finite = f32x4.add(finite, f32x4.sub(xy, xy));
      const pc = f32x4.pmin(f32x4.pmax(p, vc(LO)), vc(ONE));
      const yc = f32x4.pmin(f32x4.pmax(y, vc(LO)), vc(ONE));
      const ratio = f32x4.div(yc, pc);
      acc = f32x4.add(acc, f32x4.mul(yc, logPos4(ratio)));
      if (grad != 0) store4(g0, g1, g2, g3, j, v128.and(f32x4.mul(ratio, c), f32x4.eq(p, pc)));
    }
    storeRows(out, i, r1, r2, r3, acc);
  }
  return sawNonFinite(finite) ? UNSUPPORTED : OK;
}

/**
 * poisson: v = mean_j (p_j - y_j log(p_j + EPS)), dv/dp_j = (1 - y_j / (p_j + EPS)) / D.
 * Nothing is clipped; p + EPS <= 0 (log of a non-positive number) is left to the reference engine.
 */
export function poisson_f32(yt: usize, yp: usize, rows: i32, cols: i32, out: usize, grad: usize, rs: usize): i32 {
  const stride = <usize>cols << 2;
  const d = f32x4.splat(<f32>cols);
  let finite = f32x4.splat(0);
  let flags = i32x4.splat(0);
  for (let i: i32 = 0; i < rows; i += 4) {
    const r1 = laneRow(i, 1, rows), r2 = laneRow(i, 2, rows), r3 = laneRow(i, 3, rows);
    const o0 = <usize>i * stride, o1 = <usize>r1 * stride, o2 = <usize>r2 * stride, o3 = <usize>r3 * stride;
    const p0 = yp + o0, p1 = yp + o1, p2 = yp + o2, p3 = yp + o3;
    const t0 = yt + o0, t1 = yt + o1, t2 = yt + o2, t3 = yt + o3;
    const g0 = grad + o0, g1 = grad + o1, g2 = grad + o2, g3 = grad + o3;
    const k = grad != 0 ? f32x4.div(loadRowScale(rs, i, r1, r2, r3), d) : vc(ONE);
    let acc = f32x4.splat(0);
    for (let j: usize = 0; j < stride; j += 4) {
      const p = load4(p0, p1, p2, p3, j);
      const y = load4(t0, t1, t2, t3, j);
      const xy = f32x4.add(p, y);
      finite = f32x4.add(finite, f32x4.sub(xy, xy));
      // Poisson's epsilon is Keras epsilon(), the same float32 as LO.
      const pe = f32x4.add(p, vc(LO));
      flags = v128.or(flags, f32x4.le(pe, f32x4.splat(0)));
      acc = f32x4.add(acc, f32x4.sub(p, f32x4.mul(y, logPos4(pe))));
      if (grad != 0) store4(g0, g1, g2, g3, j, f32x4.mul(f32x4.sub(vc(ONE), f32x4.div(y, pe)), k));
    }
    storeRows(out, i, r1, r2, r3, f32x4.div(acc, d));
  }
  return sawNonFinite(finite) || v128.any_true(flags) ? UNSUPPORTED : OK;
}
