/**
 * Fused forward + gradient kernels for the batch-heavy losses, on WebAssembly SIMD when the
 * engine has it and as JS loops otherwise. The reference TS engine calls runKernel for 2-D
 * inputs with the class axis last and takes over whenever it returns null.
 *
 * Start-up: initKernels({ simdWasm }) validates a tiny SIMD module (WebAssembly.validate); with
 * SIMD present it instantiates the kernels from the bytes the caller passes (the worker fetches
 * them, Node reads them in wasm/node.ts), else it picks the JS kernels. prefer: 'js' forces the
 * JS kernels (?kernels=js, --kernels js); prefer: 'wasm' (--kernels wasm) rejects instead of
 * falling back. Under 'auto' a module that fails to load falls back to JS with a console warning.
 *
 * Semantics are Keras 3's float32 (shared spec sections 2-4): per-sample values are a MEAN over
 * the last axis for binary_crossentropy, binary_focal_crossentropy and poisson, a SUM for the
 * others, and grad[i, j] = d perSample_i / d yPred[i, j] * rowScale_i.
 */
import { FUNCTIONS, isFocal, type FnId } from './catalog';
import { MAX_SWEEP_GAMMAS } from './wasm/types';
import type { KernelEngine, PreparedCall } from './kernels/engine';

export type { KernelBackend, KernelBuffers, KernelCall, KernelFn, KernelResult } from './kernels/contract';
import type { KernelBackend, KernelBuffers, KernelCall, KernelFn, KernelResult } from './kernels/contract';

let engine: KernelEngine | null = null;
/** Engines already created, by preference and source: re-initialising with the same pair reuses one. */
const created: Array<{ prefer: string; source: unknown; engine: Promise<KernelEngine> }> = [];

/** Initialise once; pass the wasm bytes (browser: fetched; Node: fs). prefer 'js' forces the JS kernels. */
export function initKernels(opts: {
  prefer?: 'auto' | 'wasm' | 'js';
  simdWasm?: BufferSource | WebAssembly.Module;
}): Promise<KernelBackend> {
  const prefer = opts.prefer ?? 'auto';
  let entry = created.find((e) => e.prefer === prefer && e.source === opts.simdWasm);
  if (entry === undefined) {
    // The kernels' code loads here, not with the engine: a page whose inputs stay small never needs it.
    entry = { prefer, source: opts.simdWasm, engine: import('./pickKernels').then((m) => m.pickEngine(prefer, opts.simdWasm)) };
    created.push(entry);
    if (created.length > 4) created.shift();
    const failed = entry;
    entry.engine.catch(() => {
      const at = created.indexOf(failed);
      if (at >= 0) created.splice(at, 1);
    });
  }
  return entry.engine.then((picked) => {
    engine = picked;
    return picked.backend;
  });
}

/** The backend that runKernel uses, or null before initKernels has settled. */
export function activeKernelBackend(): KernelBackend | null {
  return engine === null ? null : engine.backend;
}

/**
 * Parses a kernel request: '?kernels=js' search strings (or the older '?backend=js'), '--kernels wasm'
 * values, or null. "kernels" because "backend" now names the Keras backend.
 */
export function parseBackendPreference(value: string | null | undefined): 'auto' | 'wasm' | 'js' {
  if (value == null) return 'auto';
  const params = /(kernels|backend)=/.test(value) ? new URLSearchParams(value.replace(/^[^?]*\?/, '')) : null;
  const v = params ? params.get('kernels') ?? params.get('backend') : value;
  return v === 'js' || v === 'wasm' ? v : 'auto';
}

/** Engine-owned buffers for zero-copy calls (see KernelBuffers); null before init or when too large. */
export function kernelBuffers(rows: number, cols: number): KernelBuffers | null {
  if (engine === null || !validShape(rows, cols)) return null;
  return engine.buffers(rows, cols);
}

const fround = Math.fround;

function validShape(rows: number, cols: number): boolean {
  return Number.isInteger(rows) && Number.isInteger(cols) && rows > 0 && cols > 0 && rows * cols <= 2 ** 28;
}

/** Resolves alpha to one value per column, or null when it is malformed (wrong length, not finite). */
function alphaPerColumn(alpha: number | Float32Array, cols: number): Float32Array | null {
  if (typeof alpha === 'number') return Number.isFinite(alpha) ? new Float32Array(cols).fill(alpha) : null;
  if (alpha.length !== cols) return null;
  for (let j = 0; j < cols; j++) if (!Number.isFinite(alpha[j])) return null;
  return alpha;
}

function uniform(a: Float32Array): number | null {
  for (let j = 1; j < a.length; j++) if (a[j] !== a[0]) return null;
  return a[0];
}

/** Keras's float32 smoothing y*lsA + lsB: binary toward 1/2, categorical toward 1/C, none without label_smoothing. */
function smoothing(fn: FnId, ls: number, cols: number): [number, number] {
  const row = FUNCTIONS[fn];
  if (ls === 0 || !(row.params as readonly string[]).includes('label_smoothing')) return [1, 0];
  return [fround(1 - ls), fround(row.family === 'binary' ? 0.5 * ls : ls / cols)];
}

function prepare(call: KernelCall, wantGrad: boolean): PreparedCall | null {
  const { fn, rows, cols } = call;
  if (!validShape(rows, cols) || call.yPred.length !== rows * cols) return null;
  const sparse = FUNCTIONS[fn].family === 'sparse';
  if (call.yTrue.length !== (sparse ? rows : rows * cols)) return null;
  if (call.rowScale !== null && call.rowScale.length !== rows) return null;
  if (sparse && call.ignore_class !== null && !Number.isFinite(call.ignore_class)) return null;
  if (sparse && !integerLabels(call.yTrue)) return null;
  const ls = call.label_smoothing;
  if (!Number.isFinite(ls)) return null;
  const [lsA, lsB] = smoothing(fn, ls, cols);
  let alpha: Float32Array = new Float32Array(0);
  let alphaScalar: number | null = null;
  if (isFocal(fn)) {
    if (!(call.gamma >= 0) || !Number.isFinite(call.gamma)) return null;
    const perColumn = alphaPerColumn(call.alpha, cols);
    if (perColumn === null) return null;
    alpha = perColumn;
    alphaScalar = uniform(perColumn);
  }
  return { call, wantGrad, lsA, lsB, alpha, alphaScalar };
}

function integerLabels(labels: Float32Array): boolean {
  for (let i = 0; i < labels.length; i++) {
    const x = labels[i];
    if (x !== Math.trunc(x)) return false;
  }
  return true;
}

/** Returns null when the call is not supported by a kernel (the caller then uses the reference TS engine). */
export function runKernel(call: KernelCall, wantGrad: boolean): KernelResult | null {
  if (engine === null) return null;
  const prepared = prepare(call, wantGrad);
  return prepared === null ? null : engine.run(prepared);
}

export interface GammaSweepCall
  extends Pick<KernelCall, 'rows' | 'cols' | 'yTrue' | 'yPred' | 'from_logits' | 'label_smoothing' | 'alpha' | 'apply_class_balancing'> {
  fn: 'binary_focal_crossentropy' | 'categorical_focal_crossentropy';
  /** gamma_k = gammaStart + k * gammaStep for k < count; all gammas >= 0, count <= 1024. */
  gammaStart: number;
  gammaStep: number;
  count: number;
}

export interface GammaSweepResult {
  gammas: Float64Array;
  /** The "sum_over_batch_size" loss (mean of the per-sample values, unweighted) at each gamma. */
  values: Float64Array;
  backend: KernelBackend;
}

/**
 * Focal loss at evenly spaced gammas, forward only: the logs are computed once per element and
 * the powers walked by recurrence. Returns null when a kernel does not cover the call.
 */
export function runGammaSweep(call: GammaSweepCall): GammaSweepResult | null {
  if (engine === null) return null;
  const { fn, rows, cols, gammaStart: g0, gammaStep: dg, count } = call;
  if (!validShape(rows, cols) || call.yPred.length !== rows * cols || call.yTrue.length !== rows * cols) return null;
  if (!Number.isInteger(count) || count < 1 || count > MAX_SWEEP_GAMMAS) return null;
  if (!(g0 >= 0 && dg >= 0) || !Number.isFinite(g0 + (count - 1) * dg)) return null;
  if (!Number.isFinite(call.label_smoothing)) return null;
  const alpha = alphaPerColumn(call.alpha, cols);
  if (alpha === null) return null;
  const [lsA, lsB] = smoothing(fn, call.label_smoothing, cols);
  const totals = engine.sweep({
    fn, rows, cols, yTrue: call.yTrue, yPred: call.yPred, logits: call.from_logits, lsA, lsB, alpha,
    alphaScalar: uniform(alpha), balance: fn === 'binary_focal_crossentropy' && call.apply_class_balancing,
    g0, dg, count,
  });
  if (totals === null) return null;
  const divisor = FUNCTIONS[fn].meanOverLast ? rows * cols : rows;
  const values = new Float64Array(count);
  const gammas = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    values[k] = totals[k] / divisor;
    gammas[k] = g0 + k * dg;
  }
  return { gammas, values, backend: engine.backend };
}
