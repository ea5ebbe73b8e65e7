/**
 * Keras CTC on JAX (keras/src/backend/jax/nn.py ctc_loss, optax's ctc_loss_with_forward_probs)
 * and on NumPy (the same code in keras/src/backend/numpy/nn.py), op for op in float32, and the
 * reverse-mode derivative JAX takes of it.
 *
 * Per sample, with N = max_label_length, phi[0..N] (blank states) and emit[0..N-1] (label states):
 *   init phi = [0, -1e5, ...], emit = [-1e5, ...]
 *   per step t (logprobs lp[t], le[n] = einsum(lp[t], one_hot(label[n])), lphi = lp[t][0]):
 *     phiU = [phi0, lae(phi[n+1], emit[n] + -1e5*rep[n])]
 *     emit' = lae(phiU[n] + le[n], emit[n] + le[n])
 *     phi'  = [phiU0 + lphi, lae(phiU[n+1] + lphi, emit[n] + lphi + -1e5*(1 - rep[n]))]
 *     phi'' = 0*phi + phi', emit'' = 0*emit + emit'   (the output-padding blend, pad = 0)
 *   phiLast = [phi0, lae(phi[n+1], emit[n])];  loss = -einsum(phiLast, one_hot(L)).
 * lae is jnp.logaddexp: max + log1p(exp(-|x1 - x2|)), and its JVP g*exp(x - out). Everything is
 * float32 (Keras casts the logits), which is what makes an infeasible label cost ~1e5 and its
 * gradient carry the rounding of those large numbers. The einsums multiply every log-probability
 * by 0 or 1, so a -inf log-probability anywhere in a time step (0 * -inf) makes it NaN, and a
 * label outside [0, C) reads log-probability 0. NumPy has no derivative.
 */
const f = Math.fround;
const NEG = -100000; // log_epsilon, exact in float32

function lae(x1: number, x2: number): number {
  const delta = f(x1 - x2);
  if (Number.isNaN(delta)) return f(x1 + x2);
  return f(Math.max(x1, x2) + f(Math.log1p(f(Math.exp(-Math.abs(delta))))));
}
/** d lae / d x for the input x given the output: exp(x - out), with +inf replaced by 0 (JAX). */
function w(x: number, out: number): number {
  return f(Math.exp(f((x === Infinity ? 0 : x) - (out === Infinity ? 0 : out))));
}

/** log_softmax of each [C] row of [T, C] in float32 (x - max - log(sum(exp(x - max)))). */
export function logSoftmax32(z: ArrayLike<number>, off: number, T: number, C: number, lp: Float64Array, ex: Float64Array, sums: Float64Array): void {
  for (let t = 0; t < T; t++) {
    const base = off + t * C;
    let m = -Infinity;
    for (let k = 0; k < C; k++) m = Math.max(m, f(z[base + k]));
    let s = 0;
    for (let k = 0; k < C; k++) {
      const e = f(Math.exp(f(f(z[base + k]) - m)));
      ex[t * C + k] = e;
      s = f(s + e);
    }
    sums[t] = s;
    const lse = f(Math.log(s));
    for (let k = 0; k < C; k++) lp[t * C + k] = f(f(f(z[base + k]) - m) - lse);
  }
}

/** One-hot dot product: sum_k lp[k] * [k == label]; NaN when any other entry is infinite or NaN. */
export function pick(lp: Float64Array, o: number, C: number, label: number): number {
  let s = 0;
  for (let k = 0; k < C; k++) s = f(s + lp[o + k] * (k === label ? 1 : 0));
  return s;
}

/** One sample's CTC loss on a backend, and its gradient as that backend's autodiff gives it. */
export interface CtcSample {
  value: number;
  /** d value / d logits of the sample times the cotangent, [T, C]; null without a gradient (NumPy). */
  grad: ((c: number) => Float64Array) | null;
}

/** One sample: logits z[off .. off + T*C), labels [N] (integers as cast), label length L. */
export function jaxCtc(z: ArrayLike<number>, off: number, T: number, C: number, labels: ArrayLike<number>, N: number, L: number, wantGrad: boolean): CtcSample {
  const lp = new Float64Array(T * C), ex = new Float64Array(T * C), sums = new Float64Array(T);
  logSoftmax32(z, off, T, C, lp, ex, sums);
  const epsR = new Float64Array(N), epsNR = new Float64Array(N);
  for (let n = 0; n < N; n++) {
    const rep = n < N - 1 && labels[n] === labels[n + 1] ? 1 : 0;
    epsR[n] = NEG * rep;
    epsNR[n] = NEG * (1 - rep);
  }
  const P1 = N + 1;
  // Residuals per step: phi in, emit in, phiU, le, and the outputs of each logaddexp.
  const phiIn = new Float64Array((T + 1) * P1), emitIn = new Float64Array((T + 1) * N);
  const phiU = new Float64Array(T * P1), le = new Float64Array(T * N);
  const A = new Float64Array(T * N), E1 = new Float64Array(T * N), E2 = new Float64Array(T * N), eOut = new Float64Array(T * N);
  const Pv = new Float64Array(T * P1), Bv = new Float64Array(T * N), pOut = new Float64Array(T * P1);
  phiIn.fill(NEG, 0, P1);
  phiIn[0] = 0;
  emitIn.fill(NEG, 0, N);
  for (let t = 0; t < T; t++) {
    const pi = t * P1, ei = t * N, lphi = lp[t * C];
    for (let n = 0; n < N; n++) le[ei + n] = pick(lp, t * C, C, labels[n]);
    phiU[pi] = phiIn[pi];
    for (let n = 0; n < N; n++) {
      A[ei + n] = f(emitIn[ei + n] + epsR[n]);
      phiU[pi + n + 1] = lae(phiIn[pi + n + 1], A[ei + n]);
    }
    for (let n = 0; n < N; n++) {
      E1[ei + n] = f(phiU[pi + n] + le[ei + n]);
      E2[ei + n] = f(emitIn[ei + n] + le[ei + n]);
      eOut[ei + n] = lae(E1[ei + n], E2[ei + n]);
    }
    for (let n = 0; n <= N; n++) Pv[pi + n] = f(phiU[pi + n] + lphi);
    pOut[pi] = Pv[pi];
    for (let n = 0; n < N; n++) {
      Bv[ei + n] = f(f(emitIn[ei + n] + lphi) + epsNR[n]);
      pOut[pi + n + 1] = lae(Pv[pi + n + 1], Bv[ei + n]);
    }
    for (let n = 0; n <= N; n++) phiIn[pi + P1 + n] = f(phiIn[pi + n] * 0 + pOut[pi + n]);
    for (let n = 0; n < N; n++) emitIn[ei + N + n] = f(emitIn[ei + n] * 0 + eOut[ei + n]);
  }
  const phiT = T * P1, emT = T * N;
  const last = new Float64Array(P1);
  last[0] = phiIn[phiT];
  for (let n = 0; n < N; n++) last[n + 1] = lae(phiIn[phiT + n + 1], emitIn[emT + n]);
  let s = 0;
  for (let n = 0; n <= N; n++) s = f(s + last[n] * (n === L ? 1 : 0));
  const value = -s;
  if (!wantGrad) return { value, grad: null };

  const grad = (c: number): Float64Array => {
    const gs = f(-c);
    const gPhi = new Float64Array(P1), gEmit = new Float64Array(N);
    for (let n = 0; n <= N; n++) {
      const g = f(gs * (n === L ? 1 : 0));
      if (n === 0) gPhi[0] = g;
      else {
        gPhi[n] = f(g * w(phiIn[phiT + n], last[n]));
        gEmit[n - 1] = f(g * w(emitIn[emT + n - 1], last[n]));
      }
    }
    const gLp = new Float64Array(T * C);
    const gPhiIn = new Float64Array(P1), gEmitIn = new Float64Array(N), gPhiU = new Float64Array(P1), gLe = new Float64Array(N);
    for (let t = T - 1; t >= 0; t--) {
      const pi = t * P1, ei = t * N;
      let gLphi = 0;
      for (let n = 0; n <= N; n++) gPhiIn[n] = f(gPhi[n] * 0);
      for (let n = 0; n < N; n++) gEmitIn[n] = f(gEmit[n] * 0);
      // phi' = [P0, lae(P[n+1], Bv[n])]
      const gP = gPhiU; // reuse: gP then becomes gPhiU (P = phiU + lphi passes g through)
      gP[0] = gPhi[0];
      for (let n = 0; n < N; n++) {
        const g = gPhi[n + 1], out = pOut[pi + n + 1];
        gP[n + 1] = f(g * w(Pv[pi + n + 1], out));
        const gB = f(g * w(Bv[ei + n], out));
        gEmitIn[n] = f(gEmitIn[n] + gB);
        gLphi = f(gLphi + gB);
      }
      for (let n = 0; n <= N; n++) gLphi = f(gLphi + gP[n]);
      // emit' = lae(phiU[n] + le[n], emit[n] + le[n])
      for (let n = 0; n < N; n++) {
        const g = gEmit[n], out = eOut[ei + n];
        const g1 = f(g * w(E1[ei + n], out)), g2 = f(g * w(E2[ei + n], out));
        gPhiU[n] = f(gPhiU[n] + g1);
        gEmitIn[n] = f(gEmitIn[n] + g2);
        gLe[n] = f(g1 + g2);
      }
      // phiU = [phi0, lae(phi[n+1], emit[n] + epsR[n])]
      gPhiIn[0] = f(gPhiIn[0] + gPhiU[0]);
      for (let n = 0; n < N; n++) {
        const g = gPhiU[n + 1], out = phiU[pi + n + 1];
        gPhiIn[n + 1] = f(gPhiIn[n + 1] + f(g * w(phiIn[pi + n + 1], out)));
        gEmitIn[n] = f(gEmitIn[n] + f(g * w(A[ei + n], out)));
      }
      // le = einsum(lp, one_hot(labels)), lphi = lp[:, 0]; then log_softmax's VJP.
      const o = t * C;
      let sumG = 0;
      for (let k = 0; k < C; k++) {
        let g = 0;
        for (let n = 0; n < N; n++) g = f(g + gLe[n] * (labels[n] === k ? 1 : 0));
        if (k === 0) g = f(g + gLphi);
        gLp[o + k] = g;
        sumG = f(sumG + g);
      }
      const gSum = f(f(-sumG) / sums[t]);
      for (let k = 0; k < C; k++) gLp[o + k] = f(gLp[o + k] + f(gSum * ex[o + k]));
      gPhi.set(gPhiIn);
      gEmit.set(gEmitIn);
    }
    return gLp;
  };
  return { value, grad };
}
