/**
 * Keras CTC on TensorFlow: tf.nn.ctc_loss with dense labels, i.e. ctc_loss_dense and
 * ctc_loss_and_grad in tensorflow/python/ops/ctc_ops.py, in float32 (Keras casts float64 down).
 *
 * States (N = max_label_length): label states 0..N (0 is the start state, n >= 1 emits label n)
 * and blank states N+1+k (the blank after label k). Transitions: self loops, start -> label 1,
 * blank k -> label k+1, label k -> blank k, label k -> label k+1 unless the two labels are equal.
 * The forward and backward passes renormalise every step (Sim et al. 2017); states that are not
 * where a path may start or end carry log_0 = float32(log(1e-307)) = -706.89 instead of -inf, so
 * an infeasible label costs about 707 plus the log-probability of the best partial paths, and
 * log-likelihood = beta_0(start) + the sum of the backward normalisers.
 * The gradient is TF's own (a custom gradient, not autodiff): softmax(logits) - the posterior
 * occupancy of each class, where class k >= 1 collects the label states with label == k and
 * class 0 the blank states only: a 0 inside the label length, or a label outside [1, C), is in
 * no class. State log-probabilities are an einsum with a one-hot (0 * -inf = NaN), as on JAX.
 */
import { logSoftmax32, pick, type CtcSample } from './ctcJax';

const f = Math.fround;
export const LOG_0 = f(Math.log(0 + 1e-307));

/** reduce_logsumexp over the listed entries of x (other entries are -inf and add 0), NaN if `nan`. */
function lse(x: Float64Array, idx: number[], nan: boolean): number {
  if (nan) return NaN;
  let m = -Infinity;
  for (const i of idx) m = Math.max(m, x[i]);
  const mm = Number.isFinite(m) ? m : 0;
  let s = 0;
  for (const i of idx) s = f(s + f(Math.exp(f(x[i] - mm))));
  return f(f(Math.log(s)) + mm);
}
const anyNaN = (x: Float64Array): boolean => x.some(Number.isNaN);
const range = (a: number, b: number): number[] => Array.from({ length: b - a }, (_, i) => a + i);

export function tfCtc(z: ArrayLike<number>, off: number, T: number, C: number, labels: ArrayLike<number>, N: number, L: number, wantGrad: boolean): CtcSample {
  const lp = new Float64Array(T * C), ex = new Float64Array(T * C), sums = new Float64Array(T);
  logSoftmax32(z, off, T, C, lp, ex, sums);
  const S = 2 * (N + 1);
  const blank = (k: number): number => N + 1 + k;
  const noRepeat = (n: number): boolean => labels[n - 1] !== labels[n]; // label state n -> n+1 (0-based labels)
  const pred: number[][] = [], succ: number[][] = [];
  for (let i = 0; i < S; i++) { pred.push([]); succ.push([]); }
  const link = (from: number, to: number): void => { pred[to].push(from); succ[from].push(to); };
  for (let i = 0; i < S; i++) link(i, i);
  if (N >= 1) link(0, 1);
  for (let k = 0; k < N; k++) link(blank(k), k + 1);
  for (let k = 0; k <= N; k++) link(k, blank(k));
  for (let k = 1; k < N; k++) if (noRepeat(k)) link(k, k + 1);
  for (const l of [...pred, ...succ]) l.sort((a, b) => a - b);
  const all = range(0, S);

  const obs = new Float64Array(T * S);
  for (let t = 0; t < T; t++) {
    obs[t * S] = -Infinity;
    for (let n = 1; n <= N; n++) obs[t * S + n] = pick(lp, t * C, C, labels[n - 1]);
    for (let k = 0; k <= N; k++) obs[t * S + blank(k)] = lp[t * C];
  }
  // Forward: fwd[t+1] after step t, normalised.
  const fwd = new Float64Array((T + 1) * S).fill(LOG_0);
  fwd[0] = 0;
  const x = new Float64Array(S);
  for (let t = 0; t < T; t++) {
    const prev = fwd.subarray(t * S, t * S + S), nan = anyNaN(prev);
    for (let i = 0; i < S; i++) x[i] = f(lse(prev, pred[i], nan) + obs[t * S + i]);
    const norm = lse(x, all, anyNaN(x));
    for (let i = 0; i < S; i++) fwd[(t + 1) * S + i] = f(x[i] - norm);
  }
  // Backward: bwd[T] = final-state log-probabilities; bwd[t] before step t.
  const bwd = new Float64Array((T + 1) * S).fill(LOG_0);
  bwd[T * S + L] = 0;
  bwd[T * S + blank(L)] = 0;
  let cum = 0;
  const y = new Float64Array(S);
  for (let t = T - 1; t >= 0; t--) {
    for (let j = 0; j < S; j++) y[j] = f(bwd[(t + 1) * S + j] + obs[t * S + j]);
    const nan = anyNaN(y);
    for (let i = 0; i < S; i++) x[i] = lse(y, succ[i], nan);
    const norm = lse(x, all, anyNaN(x));
    for (let i = 0; i < S; i++) bwd[t * S + i] = f(x[i] - norm);
    cum = f(cum + norm);
  }
  const value = -f(bwd[0] + cum);
  if (!wantGrad) return { value, grad: null };

  // Posterior per state, then per class (ctc_loss_and_grad, _state_to_olabel).
  const g = new Float64Array(T * C);
  const fb = new Float64Array(S);
  const blanks = range(N + 1, S);
  for (let t = 0; t < T; t++) {
    for (let s = 0; s < S; s++) fb[s] = f(fwd[(t + 1) * S + s] + bwd[(t + 1) * S + s]);
    const norm = lse(fb, all, anyNaN(fb));
    for (let s = 0; s < S; s++) fb[s] = f(fb[s] - norm);
    const labNaN = anyNaN(fb.subarray(1, N + 1));
    for (let k = 0; k < C; k++) {
      const states = k === 0 ? blanks : range(1, N + 1).filter((n) => labels[n - 1] === k);
      const ol = k === 0 ? lse(fb, states, anyNaN(fb.subarray(N + 1))) : lse(fb, states, labNaN);
      g[t * C + k] = f(f(Math.exp(lp[t * C + k])) - f(Math.exp(ol)));
    }
  }
  return { value, grad: (c) => g.map((v) => f(c * v)) };
}
