/**
 * Conformance cases (the JSON-lines schema of the shared conformance README): turning a case into
 * an engine request, the engine's answer into the CLI's output line, and comparing an output with
 * the recorded Keras expectation at the README's tolerances.
 */
import {
  evaluate, FUNCTIONS, fnOfName, KERAS_BACKENDS, toErrorInfo, toNested, type FamilyId, type FnId,
  type DType, type EngineRequest, type EvalOptions, type KerasBackend, type Nested, type Semantics,
} from '../engine';

export interface Case {
  id?: unknown;
  kind?: unknown;
  name?: unknown;
  config?: unknown;
  y_true?: unknown;
  y_pred?: unknown;
  sample_weight?: unknown;
  mask?: unknown;
  updates?: unknown;
  reset_before?: unknown;
  semantics?: unknown;
  keras_backend?: unknown;
  expect?: Record<string, unknown>;
}

export type Output =
  | { id: unknown; value: unknown; grad?: unknown; grad_error?: string }
  | { id: unknown; results: unknown }
  | { id: unknown; error: string };

export function caseToRequest(c: Case): EngineRequest {
  const config = c.config as Record<string, unknown>; // the engine checks it is an object
  if (c.kind === 'metric') {
    const req: EngineRequest = { kind: 'metric', name: c.name as string, config, updates: c.updates as never, reset_before: c.reset_before as number[] };
    return c.mask === undefined ? req : { ...req, mask: c.mask } as EngineRequest;
  }
  return {
    kind: c.kind as 'loss', name: c.name as string, config,
    y_true: c.y_true as Nested, y_pred: c.y_pred as Nested,
    sample_weight: (c.sample_weight ?? null) as Nested | null, mask: (c.mask ?? null) as Nested | null,
  };
}

/** JSON has no NaN or Infinity: write them as strings rather than a misleading null. */
export function jsonNumber(x: number): number | string {
  return Number.isFinite(x) ? x : String(x);
}

function jsonNested(n: Nested): unknown {
  return Array.isArray(n) ? n.map(jsonNested) : jsonNumber(n);
}

/** The Keras backend a case names (`keras_backend`), else `fallback`. */
export function caseBackend(c: Case, fallback: KerasBackend): KerasBackend {
  if (c.keras_backend === undefined) return fallback;
  if (!KERAS_BACKENDS.includes(c.keras_backend as KerasBackend)) {
    throw new Error(`keras_backend: expected one of ${KERAS_BACKENDS.map((b) => `"${b}"`).join(', ')}, received ${JSON.stringify(c.keras_backend)}.`);
  }
  return c.keras_backend as KerasBackend;
}

/** Evaluate one case; its own `semantics` and `keras_backend` fields win over the run's. */
export function runCase(
  c: Case, dtype: DType, semantics: Semantics, kernels: EvalOptions['kernels'] = 'auto',
  kerasBackend: KerasBackend = 'tensorflow',
): Output {
  const id = c.id ?? null;
  try {
    if (c.semantics !== undefined && c.semantics !== 'keras3' && c.semantics !== 'tf_keras2') {
      throw new Error(`semantics: expected "keras3" or "tf_keras2", received ${JSON.stringify(c.semantics)}.`);
    }
    const sem = (c.semantics as Semantics | undefined) ?? semantics;
    const backend = caseBackend(c, kerasBackend);
    const res = evaluate(caseToRequest(c), { dtype, semantics: sem, kerasBackend: backend, grad: c.kind === 'loss', kernels });
    if (res.kind === 'metric') return { id, results: res.results.map(jsonNumber) };
    const value = jsonNested(toNested(res.value));
    if (res.kind === 'function') return { id, value };
    const out: Output = { id, value, grad: res.grad ? jsonNested(toNested(res.grad)) : null };
    if (res.gradError) out.grad_error = res.gradError;
    return out;
  } catch (e) {
    const err = toErrorInfo(e);
    const where = err.field ? `${err.field}: ` : '';
    return { id, error: err.message.startsWith(err.field ?? '\0') ? err.message : `${where}${err.message}` };
  }
}

export interface Tol { rtol: number; atol: number }

/** The catalog row of the loss class or function a case names, or null. */
function rowOf(c: Case): (typeof FUNCTIONS)[FnId] | null {
  const fn = fnOfName(c.name);
  return fn === null ? null : FUNCTIONS[fn];
}

function familyIs(c: Case, ...families: FamilyId[]): boolean {
  const row = rowOf(c);
  return row !== null && families.includes(row.family);
}

function hasNegative(x: unknown): boolean {
  return Array.isArray(x) ? x.some(hasNegative) : typeof x === 'number' && x < 0;
}

/**
 * The conformance README's tolerances for a case, per dtype and backend. JAX and torch round some
 * float64 means and reductions to float32, which sums that cancel (negative weights) amplify;
 * TensorFlow is float64 throughout.
 */
export function tolerances(c: Case, dtype: DType, backend: KerasBackend = 'jax'): { value: Tol; grad: Tol } {
  const isCtc = familyIs(c, 'ctc');
  if (dtype === 'float32') return { value: { rtol: 1e-4, atol: 1e-6 }, grad: { rtol: 1e-5, atol: 1e-8 } };
  if (isCtc) return { value: { rtol: 1e-5, atol: 1e-5 }, grad: { rtol: 1e-4, atol: 5e-6 } };
  const grad = { rtol: 1e-5, atol: 1e-8 };
  if (backend === 'tensorflow') return { value: { rtol: 1e-6, atol: 1e-9 }, grad };
  const weights = c.kind === 'metric' && Array.isArray(c.updates)
    ? c.updates.map((u) => (u as { sample_weight?: unknown }).sample_weight) : [c.sample_weight];
  if (weights.some(hasNegative)) return { value: { rtol: 5e-6, atol: 1e-9 }, grad };
  const loose = c.kind === 'metric' || rowOf(c)?.meanOverLast === true || backend === 'torch';
  return { value: { rtol: loose ? 2e-6 : 1e-6, atol: 1e-9 }, grad };
}

/** First difference between `actual` and `expected` (nested numbers), or null when they agree. */
export function firstDifference(actual: unknown, expected: unknown, tol: Tol, path = ''): string | null {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      return `${path || 'value'}: expected ${expected.length} entries, got ${JSON.stringify(actual)?.slice(0, 80)}`;
    }
    for (let i = 0; i < expected.length; i++) {
      const d = firstDifference(actual[i], expected[i], tol, `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const a = typeof actual === 'string' ? Number(actual) : (actual as number);
  const e = typeof expected === 'string' ? Number(expected) : (expected as number);
  if (typeof a !== 'number' || typeof e !== 'number') return `${path}: expected ${String(e)}, got ${String(actual)}`;
  if (Number.isNaN(e) && Number.isNaN(a)) return null;
  if (a === e) return null;
  if (Math.abs(a - e) <= tol.atol + tol.rtol * Math.abs(e)) return null;
  return `${path || 'value'}: expected ${e}, got ${a}`;
}

function truncatesDifferently(x: unknown): boolean {
  if (Array.isArray(x)) return x.some(truncatesDifferently);
  return typeof x === 'number' && Math.trunc(Math.fround(x)) !== Math.trunc(x);
}

/**
 * Integer labels whose float32 rounding lands on another class than their float64 value (2.9999999
 * is 3.0 in float32, 2 in float64): a record made from the float32 inputs says nothing about the
 * float64 run then.
 */
function labelsDependOnDtype(c: Case): boolean {
  if (!familyIs(c, 'sparse', 'ctc')) return false; // integer labels
  const parts = c.kind === 'metric' && Array.isArray(c.updates) ? c.updates : [c];
  return parts.some((u) => truncatesDifferently((u as Case).y_true));
}

/** Compare one output with the case's expectation; null when it passes. */
export function checkOutput(c: Case, out: Output, dtype: DType, backend: KerasBackend = 'jax'): string | null {
  const exp = c.expect ?? {};
  const f64 = dtype === 'float64';
  const f64Recorded = exp.value_f64 !== undefined || exp.results_f64 !== undefined || 'error_f64' in exp;
  if (f64 && !f64Recorded && labelsDependOnDtype(c)) return null;
  const expectError = 'error' in exp || (f64 && 'error_f64' in exp);
  if (expectError) return 'error' in out ? null : 'expected an error, got a value';
  if ('error' in out) return `error: ${out.error}`;
  // A float64 run compares with the float64 record; where there is none (NumPy computes float32),
  // with the float32 record at float32 tolerances.
  const tol = tolerances(c, f64 && !f64Recorded ? 'float32' : dtype, caseBackend(c, backend));
  if ('results' in out) {
    const want = f64 ? (exp.results_f64 ?? exp.results) : exp.results;
    const diff = firstDifference(out.results, want, tol.value);
    // float32: accept closeness to the float64 answer where rounding order differs.
    if (diff && !f64 && exp.results_f64 && !firstDifference(out.results, exp.results_f64, tol.value)) return null;
    return diff && `results${diff}`;
  }
  const want = f64 ? (exp.value_f64 ?? exp.value) : exp.value;
  let diff = firstDifference(out.value, want, tol.value);
  if (diff && !f64 && exp.value_f64 !== undefined && !firstDifference(out.value, exp.value_f64, tol.value)) diff = null;
  if (diff) return diff;
  if (f64 && exp.grad_error !== undefined && 'value' in out && out.grad != null) return 'expected the gradient to raise, got one';
  if (f64 && 'grad' in out && exp.grad !== undefined) {
    const g = firstDifference(out.grad, exp.grad, tol.grad);
    if (g) return `grad${g}`;
  }
  return null;
}
