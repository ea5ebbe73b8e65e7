/**
 * The fused JS kernels: the engine's fallback when WebAssembly SIMD is unavailable or refused.
 * Same calls and status codes as the WASM kernels (src/engine/wasm/assembly/), scalar float64
 * loops with float32 rounding at Keras's float32 steps. Pure TS, no DOM.
 */
export { bceJs, bfceJs } from './binary';
export { cceJs, cceLogitsJs, cfceJs } from './categorical';
export { scceJs } from './sparse';
export { kldJs, poissonJs } from './divergence';
export { bfceSweepJs, cfceSweepJs } from './sweep';
export { littleEndian } from './fastmath';
export { OK, UNSUPPORTED, LO, HI, EPS, powMode, type KernelArrays } from './types';
