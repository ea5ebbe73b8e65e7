/**
 * Hand-typed exports of kernels_simd.wasm (src/engine/wasm/assembly/index.ts). Pointers are byte
 * offsets into `memory`; every loss kernel returns 0 (computed) or 1 (an input the kernel does
 * not reproduce: use the reference engine).
 */

type Ptr = number;

/** (yTrue, yPred, rows, cols, perSample, grad | 0, rowScale | 0, lsA, lsB) */
type SmoothedKernel = (
  yTrue: Ptr, yPred: Ptr, rows: number, cols: number, out: Ptr, grad: Ptr, rowScale: Ptr, lsA: number, lsB: number,
) => number;

/** (labels, yPred, rows, cols, perSample, grad | 0, rowScale | 0, ignoreClass, hasIgnore) */
type SparseKernel = (
  labels: Ptr, yPred: Ptr, rows: number, cols: number, out: Ptr, grad: Ptr, rowScale: Ptr, ignore: number, hasIgnore: number,
) => number;

/** (..., lsA, lsB, gamma, alpha[cols], balance) */
type BinaryFocalKernel = (
  yTrue: Ptr, yPred: Ptr, rows: number, cols: number, out: Ptr, grad: Ptr, rowScale: Ptr,
  lsA: number, lsB: number, gamma: number, alpha: Ptr, balance: number,
) => number;

/** (..., lsA, lsB, gamma, alpha[cols]) */
type CategoricalFocalKernel = (
  yTrue: Ptr, yPred: Ptr, rows: number, cols: number, out: Ptr, grad: Ptr, rowScale: Ptr,
  lsA: number, lsB: number, gamma: number, alpha: Ptr,
) => number;

type PlainKernel = (yTrue: Ptr, yPred: Ptr, rows: number, cols: number, out: Ptr, grad: Ptr, rowScale: Ptr) => number;

type MapKernel = (src: Ptr, dst: Ptr, n: number) => void;

export interface SimdKernelExports {
  memory: WebAssembly.Memory;
  /** First byte free for the caller (the module's static data lies below). */
  heap_base(): number;
  bce_f32: SmoothedKernel;
  bce_logits_f32: SmoothedKernel;
  bfce_f32: BinaryFocalKernel;
  bfce_logits_f32: BinaryFocalKernel;
  cce_f32: SmoothedKernel;
  cce_logits_f32: SmoothedKernel;
  scce_f32: SparseKernel;
  scce_logits_f32: SparseKernel;
  cfce_f32: CategoricalFocalKernel;
  cfce_logits_f32: CategoricalFocalKernel;
  kld_f32: PlainKernel;
  poisson_f32: PlainKernel;
  /** (yTrue, yPred, n, logits, lsA, lsB, alpha, balance, g0, dg, count, out f64[count]) */
  bfce_gamma_sweep_f32(
    yTrue: Ptr, yPred: Ptr, n: number, logits: number, lsA: number, lsB: number, alpha: number, balance: number,
    g0: number, dg: number, count: number, out: Ptr,
  ): number;
  /** (yTrue, yPred, rows, cols, logits, lsA, lsB, alpha[cols], g0, dg, count, out f64[count]) */
  cfce_gamma_sweep_f32(
    yTrue: Ptr, yPred: Ptr, rows: number, cols: number, logits: number, lsA: number, lsB: number, alpha: Ptr,
    g0: number, dg: number, count: number, out: Ptr,
  ): number;
  map_exp_f32: MapKernel;
  map_exp_nonpos_f32: MapKernel;
  map_log_f32: MapKernel;
  map_log_pos_f32: MapKernel;
  map_log1p_unit_f32: MapKernel;
}

/** Export names the loader checks before trusting a module. */
export const KERNEL_EXPORTS: ReadonlyArray<keyof SimdKernelExports> = [
  'memory', 'heap_base', 'bce_f32', 'bce_logits_f32', 'bfce_f32', 'bfce_logits_f32', 'cce_f32', 'cce_logits_f32',
  'scce_f32', 'scce_logits_f32', 'cfce_f32', 'cfce_logits_f32', 'kld_f32', 'poisson_f32',
  'bfce_gamma_sweep_f32', 'cfce_gamma_sweep_f32',
];

/** Largest gamma count of one sweep call (sweep.ts MAX_GAMMAS). */
export const MAX_SWEEP_GAMMAS = 1024;
