/**
 * Loss Playground WebAssembly SIMD kernels (AssemblyScript, built by scripts/build-wasm.mjs).
 *
 * Every loss kernel has the shape
 *   name_f32(yTrue, yPred, rows, cols, perSample, grad, rowScale, ...params): status
 * with byte pointers into this module's memory: yPred is [rows, cols] row-major float32 (class
 * axis last), yTrue the same shape (sparse: [rows] float32 integer labels), perSample [rows],
 * grad [rows, cols] or 0 for forward only, rowScale [rows] or 0 for all ones. The gradient is
 * d perSample_i / d yPred_ij times rowScale_i. Status 0 = computed, 1 = an input outside what the
 * kernel reproduces (the caller then uses the reference engine). The memory layout is the
 * caller's: the module only reserves its static data below heap_base().
 */
export { bce_f32, bce_logits_f32, bfce_f32, bfce_logits_f32 } from './binary';
export { cce_f32, cce_logits_f32, scce_f32, scce_logits_f32, cfce_f32, cfce_logits_f32 } from './categorical';
export { kld_f32, poisson_f32 } from './divergence';
export { bfce_gamma_sweep_f32, cfce_gamma_sweep_f32 } from './sweep';
export { map_exp_f32, map_exp_nonpos_f32, map_log_f32, map_log_pos_f32, map_log1p_unit_f32 } from './maps';

/** First byte the caller may use: everything below is the module's static data. */
export function heap_base(): usize {
  return __heap_base;
}
