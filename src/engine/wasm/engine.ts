/**
 * The WebAssembly SIMD kernel engine: copies inputs into the arena (unless the caller wrote
 * them there through buffers()), calls the kernel, and hands back copies of the outputs, or
 * arena views when the inputs were arena views (valid until the next call).
 */
import { kernelOf, type KernelId } from '../catalog';
import type { KernelBuffers } from '../kernels/contract';
import { runJsSweep, type KernelEngine, type PreparedCall, type PreparedSweep } from '../kernels/engine';
import type { WasmKernels } from './loader';

type Exports = WasmKernels['exports'];
/** yTrue, yPred, rows, cols, perSample, grad, rowScale: the arena offsets and sizes every kernel takes first. */
type Args = readonly [number, number, number, number, number, number, number];

/** The WebAssembly export(s) of each catalog kernel; focal kernels copy alpha into the arena first. */
const WASM_KERNELS: Record<KernelId, (x: Exports, p: PreparedCall, a: Args, alphaAt: number, arena: Float32Array) => number> = {
  bce: (x, { call, lsA, lsB }, a) => (call.from_logits ? x.bce_logits_f32 : x.bce_f32)(...a, lsA, lsB),
  bfce: (x, { call, lsA, lsB, alpha }, a, alphaAt, arena) => {
    arena.set(alpha);
    return (call.from_logits ? x.bfce_logits_f32 : x.bfce_f32)(...a, lsA, lsB, call.gamma, alphaAt, call.apply_class_balancing ? 1 : 0);
  },
  cce: (x, { call, lsA, lsB }, a) => (call.from_logits ? x.cce_logits_f32 : x.cce_f32)(...a, lsA, lsB),
  scce: (x, { call }, a) =>
    (call.from_logits ? x.scce_logits_f32 : x.scce_f32)(...a, call.ignore_class ?? 0, call.ignore_class === null ? 0 : 1),
  cfce: (x, { call, lsA, lsB, alpha }, a, alphaAt, arena) => {
    arena.set(alpha);
    return (call.from_logits ? x.cfce_logits_f32 : x.cfce_f32)(...a, lsA, lsB, call.gamma, alphaAt);
  },
  kld: (x, _, a) => x.kld_f32(...a),
  poisson: (x, _, a) => x.poisson_f32(...a),
};

export function createWasmEngine(k: WasmKernels): KernelEngine {
  const x = k.exports;

  /** The arena layout for a shape, or null when the memory cannot grow that far (4 GiB cap). */
  function reserve(rows: number, cols: number) {
    try {
      return k.reserve(rows, cols);
    } catch {
      return null;
    }
  }

  function run(p: PreparedCall) {
    const { call } = p;
    const { rows, cols } = call;
    const layout = reserve(rows, cols);
    if (layout === null) return null;
    const v = k.views(layout);
    const inPlace = k.isRegion(call.yPred, layout.yPred);
    if (!inPlace) v.yPred.set(call.yPred);
    if (!k.isRegion(call.yTrue, layout.yTrue)) v.yTrue.set(call.yTrue);
    let rs = 0;
    if (call.rowScale !== null) {
      if (!k.isRegion(call.rowScale, layout.rowScale)) v.rowScale.set(call.rowScale);
      rs = layout.rowScale;
    }
    const grad = p.wantGrad ? layout.grad : 0;
    const args: Args = [layout.yTrue, layout.yPred, rows, cols, layout.perSample, grad, rs];
    const status = WASM_KERNELS[kernelOf(call.fn)](x, p, args, layout.alpha, v.alpha);
    if (status !== 0) return null;
    const views = k.views(layout);
    return {
      perSample: inPlace ? views.perSample : views.perSample.slice(),
      grad: p.wantGrad ? (inPlace ? views.grad : views.grad.slice()) : null,
      backend: 'wasm-simd' as const,
    };
  }

  function sweep(s: PreparedSweep): Float64Array | null {
    // The flat binary sweep takes one scalar alpha; per-column alphas go to the JS sweep.
    const binaryAlpha = s.alphaScalar;
    if (s.fn === 'binary_focal_crossentropy' && binaryAlpha === null) return runJsSweep(s);
    const layout = reserve(s.rows, s.cols);
    if (layout === null) return runJsSweep(s);
    const v = k.views(layout);
    if (!k.isRegion(s.yPred, layout.yPred)) v.yPred.set(s.yPred);
    if (!k.isRegion(s.yTrue, layout.yTrue)) v.yTrue.set(s.yTrue);
    const logits = s.logits ? 1 : 0;
    let status: number;
    if (s.fn === 'binary_focal_crossentropy' && binaryAlpha !== null) {
      status = x.bfce_gamma_sweep_f32(
        layout.yTrue, layout.yPred, s.rows * s.cols, logits, s.lsA, s.lsB, binaryAlpha, s.balance ? 1 : 0,
        s.g0, s.dg, s.count, layout.sweep,
      );
    } else {
      v.alpha.set(s.alpha);
      status = x.cfce_gamma_sweep_f32(
        layout.yTrue, layout.yPred, s.rows, s.cols, logits, s.lsA, s.lsB, layout.alpha, s.g0, s.dg, s.count, layout.sweep,
      );
    }
    return status === 0 ? k.views(layout).sweep.slice(0, s.count) : null;
  }

  function buffers(rows: number, cols: number): KernelBuffers | null {
    const layout = reserve(rows, cols);
    if (layout === null) return null;
    const v = k.views(layout);
    return { yTrue: v.yTrue, yPred: v.yPred, rowScale: v.rowScale, perSample: v.perSample, grad: v.grad };
  }

  return { backend: 'wasm-simd', buffers, run, sweep };
}
