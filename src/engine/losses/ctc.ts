/**
 * The CTC lattice the explain view and the lattice chart show: forward-backward in log space, as
 * Keras on JAX computes it for labels inside [0, C). The loss itself comes from each backend's own
 * kernel (ctcJax.ts for JAX and NumPy, ctcTf.ts, ctcTorch.ts).
 *
 * Keras-on-JAX runs the optax-style recursion, which never uses log(0): it substitutes
 * LOG_EPSILON = -1e5. Written as a lattice over l' = [0, l1, 0, ..., lL, 0] (s even: blank
 * state phi_{s/2}; s odd: emission state of label (s+1)/2), that recursion is exactly:
 *   - a virtual step t = -1 with log-weight 0 on s = 0 and LOG_EPSILON on every other state;
 *   - moves s -> s and s -> s+1 with weight 0;
 *   - the skip emit_n -> emit_{n+1} (s -> s+2, s+2 odd) with weight 0 when l_n != l_{n+1}, and
 *     LOG_EPSILON when they are equal (textbook CTC forbids it);
 *   - log P = LSE(alpha_{T-1}(S-2), alpha_{T-1}(S-1)), or alpha_{T-1}(0) for an empty label.
 * Optax also gives emit_n -> phi_n the weight log(e^{eps*rep} + e^{eps*(1-rep)}) = log(1 + e^-1e5),
 * which is exactly 0 in float32 and float64, and its states past the label length never feed back
 * into phi_L, so they are left out. States are typed by position, not by value, so an interior 0
 * in the label is an emission of class 0 (it still allows the skip), as in optax.
 * For feasible labels every penalised path carries e^-1e5 = 0, so the value is textbook CTC; for
 * infeasible ones (T < L + repeats) the value is ~1e5 plus a small term, as JAX returns.
 */

export interface CtcLattice {
  labels: number[];
  extended: number[];
  logAlpha: Float64Array;
  logBeta: Float64Array;
  occupancy: Float64Array;
  logP: number;
  bestPath: number[];
  feasible: boolean;
}
export interface CtcOutput {
  perSample: Float64Array;
  grad: Float64Array | null;
  lattices: CtcLattice[] | null;
  infeasible: number[];
}
/** optax / Keras-JAX stand-in for log(0). */
const LOG_EPSILON = -1e5;

type Round = (x: number) => number;
const exact: Round = (x) => x;

/** log(e^a + e^b); -inf with -inf stays -inf instead of NaN (inf - inf). */
function logAddExp(a: number, b: number, r: Round): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  const m = a > b ? a : b;
  return r(m + r(Math.log1p(r(Math.exp(r(-Math.abs(r(a - b))))))));
}

/** Stable log_softmax of one sample [T, C] into `out`, rounding every op in float32 mode. */
function logSoftmax(z: ArrayLike<number>, off: number, T: number, C: number, r: Round, out: Float64Array): void {
  for (let t = 0; t < T; t++) {
    const base = off + t * C;
    let m = -Infinity;
    for (let k = 0; k < C; k++) m = Math.max(m, r(z[base + k]));
    if (m === -Infinity || m === Infinity) m = 0; // all -inf / some +inf: let NaN/-inf surface as JAX does
    let sum = 0;
    for (let k = 0; k < C; k++) sum = r(sum + r(Math.exp(r(r(z[base + k]) - m))));
    const lse = r(Math.log(sum));
    for (let k = 0; k < C; k++) out[t * C + k] = r(r(r(z[base + k]) - m) - lse);
  }
}

function checkLabels(labels: ArrayLike<number>, B: number, Lmax: number, C: number, lengths?: ArrayLike<number>): void {
  if (labels.length < B * Lmax) throw new Error(`ctc: expected ${B * Lmax} labels, got ${labels.length}`);
  for (let i = 0; i < B * Lmax; i++) {
    if (lengths && i % Lmax >= lengths[Math.floor(i / Lmax)]) continue;
    const v = labels[i];
    if (!Number.isInteger(v) || v < 0 || v >= C) {
      const at = `y_true[${Math.floor(i / Lmax)}][${i % Lmax}]`;
      throw new Error(`ctc: ${at} = ${v} must be an integer class index in [0, ${C})`);
    }
  }
}

export function ctcLoss(
  labels: ArrayLike<number>, B: number, Lmax: number,
  logits: ArrayLike<number>, T: number, C: number,
  opts: { grad: boolean; lattices: boolean; float32: boolean; lengths?: ArrayLike<number> },
): CtcOutput {
  if (T < 1 || C < 1) throw new Error(`ctc: y_pred needs at least one time step and one class (T=${T}, C=${C})`);
  if (logits.length < B * T * C) throw new Error(`ctc: expected ${B * T * C} logits, got ${logits.length}`);
  checkLabels(labels, B, Lmax, C, opts.lengths);
  const r: Round = opts.float32 ? Math.fround : exact;
  const keep = opts.grad || opts.lattices; // full T x S alpha/beta only when something reads them
  const perSample = new Float64Array(B);
  const grad = opts.grad ? new Float64Array(B * T * C) : null;
  const lattices: CtcLattice[] | null = opts.lattices ? [] : null;
  const infeasible: number[] = [];
  const lp = new Float64Array(T * C);

  for (let b = 0; b < B; b++) {
    // Label length counts all non-zeros, but the label is the row's first L entries (Keras).
    let L = 0;
    if (opts.lengths) L = opts.lengths[b];
    else for (let j = 0; j < Lmax; j++) if (labels[b * Lmax + j] !== 0) L++;
    const lab: number[] = [];
    for (let j = 0; j < L; j++) lab.push(labels[b * Lmax + j]);
    let repeats = 0;
    for (let n = 1; n < L; n++) if (lab[n] === lab[n - 1]) repeats++;
    const feasible = T >= L + repeats;
    if (!feasible) infeasible.push(b);

    const S = 2 * L + 1;
    const ext = new Int32Array(S); // class emitted by state s
    const skipW = new Float64Array(S).fill(-Infinity); // log-weight of s-2 -> s
    for (let n = 0; n < L; n++) {
      ext[2 * n + 1] = lab[n];
      if (n > 0) skipW[2 * n + 1] = lab[n] === lab[n - 1] ? LOG_EPSILON : 0;
    }
    logSoftmax(logits, b * T * C, T, C, r, lp);

    // Forward. Rows live at t*S when kept, else in a two-row rolling buffer.
    const alpha = new Float64Array((keep ? T : 2) * S);
    const init = new Float64Array(S).fill(LOG_EPSILON);
    init[0] = 0;
    const row = (t: number): number => (keep ? t : t & 1) * S;
    for (let t = 0; t < T; t++) {
      const prev = t === 0 ? init : alpha;
      const p0 = t === 0 ? 0 : row(t - 1);
      const cur = row(t);
      for (let s = 0; s < S; s++) {
        let acc = prev[p0 + s];
        if (s >= 1) acc = logAddExp(acc, prev[p0 + s - 1], r);
        if (s >= 2 && skipW[s] > -Infinity) acc = logAddExp(acc, r(prev[p0 + s - 2] + skipW[s]), r);
        alpha[cur + s] = r(acc + lp[t * C + ext[s]]);
      }
    }
    const last = row(T - 1);
    const logP = L === 0 ? alpha[last] : logAddExp(alpha[last + S - 2], alpha[last + S - 1], r);
    perSample[b] = r(-logP);
    if (!keep) continue;

    // Backward; beta excludes the emission at t.
    const beta = new Float64Array(T * S).fill(-Infinity);
    beta[(T - 1) * S + S - 1] = 0;
    if (L > 0) beta[(T - 1) * S + S - 2] = 0;
    for (let t = T - 2; t >= 0; t--) {
      const nx = (t + 1) * S;
      const e = (s: number): number => r(beta[nx + s] + lp[(t + 1) * C + ext[s]]);
      for (let s = 0; s < S; s++) {
        let acc = e(s);
        if (s + 1 < S) acc = logAddExp(acc, e(s + 1), r);
        if (s + 2 < S && skipW[s + 2] > -Infinity) acc = logAddExp(acc, r(e(s + 2) + skipW[s + 2]), r);
        beta[t * S + s] = acc;
      }
    }

    // Occupancy gamma_t(s); every path visits exactly one state per step, so it sums to 1 over s.
    const occ = opts.lattices ? new Float64Array(T * S) : null;
    for (let t = 0; t < T; t++) {
      const g = grad ? b * T * C + t * C : 0;
      if (grad) for (let k = 0; k < C; k++) grad[g + k] = Math.exp(lp[t * C + k]);
      for (let s = 0; s < S; s++) {
        const a = alpha[t * S + s] + beta[t * S + s];
        const gamma = a === -Infinity ? 0 : Math.exp(a - logP);
        if (occ) occ[t * S + s] = gamma;
        if (grad) grad[g + ext[s]] -= gamma;
      }
    }

    if (lattices && occ) {
      lattices.push({
        labels: lab, extended: Array.from(ext), logAlpha: alpha, logBeta: beta, occupancy: occ,
        logP, bestPath: viterbi(lp, C, T, S, ext, skipW, init), feasible,
      });
    }
  }
  return { perSample, grad, lattices, infeasible };
}

/** Most likely state per time step on the same lattice (max instead of LSE), in float64. */
function viterbi(
  lp: Float64Array, C: number, T: number, S: number, ext: Int32Array, skipW: Float64Array, init: Float64Array,
): number[] {
  const back = new Int32Array(T * S);
  let prev = Float64Array.from(init);
  let cur = new Float64Array(S);
  for (let t = 0; t < T; t++) {
    for (let s = 0; s < S; s++) {
      let best = prev[s];
      let arg = s;
      if (s >= 1 && prev[s - 1] > best) { best = prev[s - 1]; arg = s - 1; }
      if (s >= 2 && prev[s - 2] + skipW[s] > best) { best = prev[s - 2] + skipW[s]; arg = s - 2; }
      cur[s] = best + lp[t * C + ext[s]];
      back[t * S + s] = arg;
    }
    [prev, cur] = [cur, prev];
  }
  let s = S === 1 || prev[S - 1] >= prev[S - 2] ? S - 1 : S - 2;
  const path = new Array<number>(T);
  for (let t = T - 1; t >= 0; t--) {
    path[t] = s;
    s = back[t * S + s];
  }
  return path;
}
