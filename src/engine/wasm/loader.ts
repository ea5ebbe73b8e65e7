/**
 * Loads kernels_simd.wasm from its bytes (or a compiled module) and owns its linear memory as
 * one arena. The loader never fetches or reads files: the browser worker fetches the bytes
 * (Vite `?url` import), Node reads them (wasm/node.ts), and both hand them in here.
 *
 * Arena: for a [rows, cols] call the memory above heap_base holds, 16-byte aligned,
 *   yPred [rows*cols] | yTrue [rows*cols] | grad [rows*cols] | perSample [rows] | rowScale [rows]
 *   | alpha [cols] | sweep totals f64 [MAX_SWEEP_GAMMAS]
 * Memory grows only when a call needs more than any call before (never per call, never shrinks);
 * a growth detaches earlier views, so views are re-taken after reserve().
 */
import { KERNEL_EXPORTS, MAX_SWEEP_GAMMAS, type SimdKernelExports } from './types';

const PAGE = 65536;

/** Byte offsets of one call's regions. */
export interface ArenaLayout {
  rows: number;
  cols: number;
  yPred: number;
  yTrue: number;
  grad: number;
  perSample: number;
  rowScale: number;
  alpha: number;
  sweep: number;
  end: number;
}

/** Float32Array views of one layout's regions (valid until the memory grows). */
export interface ArenaViews {
  yPred: Float32Array;
  yTrue: Float32Array;
  grad: Float32Array;
  perSample: Float32Array;
  rowScale: Float32Array;
  alpha: Float32Array;
  sweep: Float64Array;
}

const align16 = (x: number): number => (x + 15) & ~15;

export class WasmKernels {
  readonly exports: SimdKernelExports;
  private readonly base: number;
  private layout: ArenaLayout | null = null;
  private cached: ArenaViews | null = null;
  private cachedBuffer: ArrayBuffer | null = null;

  constructor(exports: SimdKernelExports) {
    this.exports = exports;
    this.base = align16(exports.heap_base());
  }

  get memory(): WebAssembly.Memory {
    return this.exports.memory;
  }

  /** Lays out a [rows, cols] call and grows the memory if (and only if) it does not fit. */
  reserve(rows: number, cols: number): ArenaLayout {
    const last = this.layout;
    if (last !== null && last.rows === rows && last.cols === cols && last.end <= this.memory.buffer.byteLength) {
      return last;
    }
    const n = rows * cols;
    let at = this.base;
    const take = (bytes: number): number => {
      const start = at;
      at = align16(at + bytes);
      return start;
    };
    const layout: ArenaLayout = {
      rows,
      cols,
      yPred: take(n * 4),
      yTrue: take(n * 4),
      grad: take(n * 4),
      perSample: take(rows * 4),
      rowScale: take(rows * 4),
      alpha: take(cols * 4),
      sweep: take(MAX_SWEEP_GAMMAS * 8),
      end: 0,
    };
    layout.end = at;
    const have = this.memory.buffer.byteLength;
    if (layout.end > have) this.memory.grow(Math.ceil((layout.end - have) / PAGE));
    this.layout = layout;
    this.cached = null;
    return layout;
  }

  /** Views of a layout's regions, re-created when the layout changes or the memory has grown. */
  views(layout: ArenaLayout): ArenaViews {
    const buffer = this.memory.buffer;
    if (this.cached !== null && this.cachedBuffer === buffer && this.layout === layout) return this.cached;
    const n = layout.rows * layout.cols;
    const f32 = (offset: number, length: number): Float32Array => new Float32Array(buffer, offset, length);
    this.cached = {
      yPred: f32(layout.yPred, n),
      yTrue: f32(layout.yTrue, n),
      grad: f32(layout.grad, n),
      perSample: f32(layout.perSample, layout.rows),
      rowScale: f32(layout.rowScale, layout.rows),
      alpha: f32(layout.alpha, layout.cols),
      sweep: new Float64Array(buffer, layout.sweep, MAX_SWEEP_GAMMAS),
    };
    this.cachedBuffer = buffer;
    this.layout = layout;
    return this.cached;
  }

  /** True when `a` is exactly the arena region at byte offset `offset` (so no copy is needed). */
  isRegion(a: Float32Array, offset: number): boolean {
    return a.buffer === this.memory.buffer && a.byteOffset === offset;
  }
}

/**
 * Instantiates the SIMD kernels from their bytes or a compiled module. Rejects when the engine
 * cannot compile WebAssembly SIMD or the module lacks an expected export.
 */
export async function loadSimdKernels(source: BufferSource | WebAssembly.Module): Promise<WasmKernels> {
  const module = source instanceof WebAssembly.Module ? source : await WebAssembly.compile(source);
  const instance = await WebAssembly.instantiate(module, {});
  const exports = instance.exports as unknown as SimdKernelExports;
  const missing = KERNEL_EXPORTS.filter((name) => !(name in exports));
  if (missing.length > 0) {
    throw new Error(`kernels_simd.wasm: expected exports ${KERNEL_EXPORTS.join(', ')}; missing ${missing.join(', ')}`);
  }
  return new WasmKernels(exports);
}
