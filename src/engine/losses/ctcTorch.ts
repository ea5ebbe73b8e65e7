/**
 * Keras CTC on torch: log_softmax over the classes of the time-major logits, then
 * torch.nn.functional.ctc_loss(reduction='none') — ATen's CPU kernel (LossCTC.cpp), in float32.
 *
 * The kernel is textbook CTC in log space with real -inf: an infeasible label gives +inf and,
 * through exp(res + nll - lp), a NaN gradient. It only reads the log-probabilities of the blank
 * and of the labels (so a -inf logit elsewhere leaves the value finite), and it indexes them
 * unchecked: the log-probability of class c at step t of sample b is the float at flat offset
 * t*B*C + b*C + c of the [T, B, C] buffer, so a label >= C reads a later class, step or sample,
 * a negative one an earlier one, and INT64_MIN (the int64 cast of NaN / ±Inf) wraps back to
 * class 0. Reads outside the buffer are undefined; the recorded runs read 0 there. The backward
 * pass accumulates into the gradient buffer at the same offsets (so those entries mix), and a
 * write onto the allocator's chunk headers just before or after the buffer aborts the process.
 * Its result (exp(lp) - posterior) then goes through log_softmax's VJP, g - exp(lp) * sum(g).
 */
import { INT64_MIN } from './ctcLabels';

const f = Math.fround;
/** Reads further than this many floats outside the buffer would fault (segmentation fault). */
const FAR = 1 << 18;

export interface TorchCtc {
  values: Float64Array;
  /** Flat offsets read outside the log-probability buffer (undefined memory, read as 0). */
  outside: number;
  /** d/d logits [B, T, C] for cotangents c [B]; null when not wanted. */
  grad: ((c: Float64Array) => Float64Array) | null;
  /** Why the forward pass would crash (a read far outside the tensor), or null. */
  readCrash: Crash | null;
  /** Why computing the gradient would abort the process (a write onto heap metadata), or null. */
  writeCrash: Crash | null;
}

/** What would crash torch, and the y_true entry [b, j] whose label caused it. */
export interface Crash {
  message: string;
  index: number[];
}

const lse3 = (a: number, b: number, c: number): number => {
  let m = a;
  if (b > m) m = b;
  if (c > m) m = c;
  if (m === -Infinity) m = 0;
  return f(f(Math.log(f(f(f(Math.exp(f(a - m))) + f(Math.exp(f(b - m)))) + f(Math.exp(f(c - m)))))) + m);
};

/** glibc: usable bytes of a malloc chunk for `n` requested bytes (its size less the 8-byte header). */
const usable = (n: number): number => Math.max(32, (n + 8 + 15) & ~15) - 8;

export function torchCtc(
  z: ArrayLike<number>, B: number, T: number, C: number, labels: ArrayLike<number>, N: number, lengths: Int32Array, wantGrad: boolean,
): TorchCtc {
  const M = T * B * C;
  const lp = new Float64Array(M); // [T, B, C]
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      const src = b * T * C + t * C, dst = t * B * C + b * C;
      let m = -Infinity;
      for (let k = 0; k < C; k++) m = Math.max(m, f(z[src + k]));
      let s = 0;
      for (let k = 0; k < C; k++) s = f(s + f(Math.exp(f(f(z[src + k]) - m))));
      const ls = f(Math.log(s));
      for (let k = 0; k < C; k++) lp[dst + k] = f(f(f(z[src + k]) - m) - ls);
    }
  }
  let outside = 0;
  let readCrash: Crash | null = null;
  let writeCrash: Crash | null = null;
  let cause: number[] = []; // the [b, j] of the label being indexed
  const at = (t: number, b: number, c: number): number => t * B * C + b * C + (c === INT64_MIN ? 0 : c);
  const rd = (i: number): number => {
    if (i >= 0 && i < M) return lp[i];
    if (i < -FAR || i >= M + FAR) {
      readCrash ??= { message: `torch would read log_probs ${i < 0 ? -i : i - M + 1} floats outside the tensor and crash (segmentation fault).`, index: cause };
    }
    outside++;
    return 0;
  };
  const prime = (b: number, s: number): number => (s % 2 === 0 ? 0 : labels[b * N + (s - 1) / 2]);
  /** Log-probability of state s of sample b at step t, as the kernel indexes it. */
  const rdS = (t: number, b: number, s: number): number => {
    cause = [b, (s - 1) / 2];
    return rd(at(t, b, prime(b, s)));
  };
  const values = new Float64Array(B);
  const alphas: Float64Array[] = [];
  for (let b = 0; b < B; b++) {
    const L = lengths[b], S = 2 * L + 1;
    const a = new Float64Array(T * S).fill(-Infinity);
    alphas.push(a);
    a[0] = rdS(0, b, 0);
    if (L > 0) a[1] = rdS(0, b, 1);
    for (let t = 1; t < T; t++) {
      for (let s = 0; s < S; s++) {
        const cur = prime(b, s);
        const l2 = s > 0 ? a[(t - 1) * S + s - 1] : -Infinity;
        const l3 = s > 1 && prime(b, s - 2) !== cur ? a[(t - 1) * S + s - 2] : -Infinity;
        a[t * S + s] = f(lse3(a[(t - 1) * S + s], l2, l3) + rdS(t, b, s));
      }
    }
    const end = (T - 1) * S;
    if (L === 0) values[b] = -a[end];
    else {
      const l1 = a[end + 2 * L], l2 = a[end + 2 * L - 1];
      let m = l1 < l2 ? l2 : l1;
      if (m === -Infinity) m = 0;
      values[b] = -f(f(Math.log(f(f(Math.exp(f(l1 - m))) + f(Math.exp(f(l2 - m)))))) + m);
    }
  }
  if (!wantGrad) return { values, outside, grad: null, readCrash, writeCrash };
  const st: State = { lp, B, T, C, N, M, labels, lengths, alphas, values, at, rd, prime, head: usable(M * 4) / 4 };
  // The writes (and so a crash) do not depend on the cotangents: probe once.
  writeCrash = torchBackward(new Float64Array(B).fill(1), st).crash;
  return { values, outside, readCrash, writeCrash, grad: (c) => torchBackward(c, st).grad };
}

interface State {
  lp: Float64Array; B: number; T: number; C: number; N: number; M: number; labels: ArrayLike<number>; lengths: Int32Array;
  alphas: Float64Array[]; values: Float64Array; head: number;
  at: (t: number, b: number, c: number) => number; rd: (i: number) => number; prime: (b: number, s: number) => number;
}

/**
 * The backward kernel with cotangents `cot`. Memory outside the gradient buffer reads 0 (the high
 * half of a chunk's size field is 0, its low half a tiny denormal); a write that changes the size
 * field of this chunk (offsets -2, -1) or of the next (head, head + 1) corrupts the heap.
 */
function torchBackward(cot: Float64Array, st: State): { grad: Float64Array; crash: Crash | null } {
  const { lp, B, T, C, N, M, labels, lengths, alphas, values, at, rd, prime, head } = st;
  const G = new Float64Array(M).fill(-Infinity);
  const stray = new Map<number, number>(); // writes outside the buffer
  let crash: Crash | null = null;
  // Size fields: the low half holds (chunk size | PREV_INUSE), a denormal as a float; the high half 0.
  const sizeBits = (n: number): number => (Math.max(32, (n + 8 + 15) & ~15) | 1) * 2 ** -149;
  const initial = (i: number): number => (i === -2 ? sizeBits(M * 4) : i === head ? sizeBits(32) : 0);
  const get = (i: number): number => (i >= 0 && i < M ? G[i] : stray.get(i) ?? initial(i));
  const set = (i: number, v: number, b: number, s: number): void => {
    if (i >= 0 && i < M) { G[i] = v; return; }
    if (!crash && (i === -1 || i === -2 || i === head || i === head + 1) && !Object.is(get(i), v)) {
      const j = (s - 1) / 2;
      crash = {
        message: `y_true[${b}][${j}] is read as ${labels[b * N + j]}: torch's CTC backward would write at float offset ${i} of its ` +
          `${M}-float gradient buffer, onto the allocator's chunk header, and the process aborts (heap corruption).`,
        index: [b, j],
      };
    }
    stray.set(i, v);
  };
  for (let b = 0; b < B; b++) {
    const L = lengths[b], S = 2 * L + 1, a = alphas[b], nll = values[b];
    const beta = new Float64Array(T * S).fill(-Infinity);
    const e = (T - 1) * S;
    beta[e + 2 * L] = rd(at(T - 1, b, 0));
    set(at(T - 1, b, 0), f(a[e + 2 * L] + beta[e + 2 * L]), b, 2 * L);
    if (L > 0) {
      const cur = prime(b, 2 * L - 1);
      beta[e + 2 * L - 1] = rd(at(T - 1, b, cur));
      set(at(T - 1, b, cur), f(a[e + 2 * L - 1] + beta[e + 2 * L - 1]), b, 2 * L - 1);
    }
    for (let t = T - 2; t >= 0; t--) {
      for (let s = 2 * L; s >= 0; s--) {
        const cur = prime(b, s);
        const l2 = s < 2 * L ? beta[(t + 1) * S + s + 1] : -Infinity;
        const l3 = s < 2 * L - 1 && prime(b, s + 2) !== cur ? beta[(t + 1) * S + s + 2] : -Infinity;
        beta[t * S + s] = f(lse3(beta[(t + 1) * S + s], l2, l3) + rd(at(t, b, cur)));
        const lab = f(a[t * S + s] + beta[t * S + s]);
        const i = at(t, b, cur);
        const lcab = get(i);
        if (lcab === -Infinity) set(i, lab, b, s);
        else {
          const m = lcab < lab ? lab : lcab;
          set(i, f(f(Math.log(f(f(Math.exp(f(lcab - m))) + f(Math.exp(f(lab - m)))))) + m), b, s);
        }
      }
    }
    const gr = cot[b];
    for (let t = 0; t < T; t++) {
      for (let k = 0; k < C; k++) {
        const i = t * B * C + b * C + k;
        G[i] = f(f(f(Math.exp(lp[i])) - f(Math.exp(f(f(G[i] + nll) - lp[i])))) * gr);
      }
    }
  }
  // log_softmax backward per (t, b) row, then back to [B, T, C].
  const out = new Float64Array(M);
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < B; b++) {
      const o = t * B * C + b * C;
      let sum = 0;
      for (let k = 0; k < C; k++) sum = f(sum + G[o + k]);
      for (let k = 0; k < C; k++) out[b * T * C + t * C + k] = f(G[o + k] - f(f(Math.exp(lp[o + k])) * sum));
    }
  }
  return { grad: out, crash };
}
