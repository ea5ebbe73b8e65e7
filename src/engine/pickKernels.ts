/**
 * Creates the kernel engine initKernels asked for: the JS kernels, or the WASM SIMD kernels from
 * the bytes given. accelerate.ts loads this module with import() on the first initKernels, so the
 * kernels' code stays out of whatever loads the engine alone (the worker's start-up chunk).
 */
import { simdSupported } from './wasm/detect';
import { loadSimdKernels } from './wasm/loader';
import { createWasmEngine } from './wasm/engine';
import { createJsEngine, type KernelEngine } from './kernels/engine';

export async function pickEngine(
  prefer: 'auto' | 'wasm' | 'js',
  source: BufferSource | WebAssembly.Module | undefined,
): Promise<KernelEngine> {
  if (prefer === 'js') return createJsEngine();
  const refuse = (why: string, cause?: unknown): KernelEngine => {
    if (prefer === 'wasm') throw new Error(`backend "wasm" requested, but ${why}`, { cause });
    console.warn(`Loss Playground: ${why}; using the JS kernels.`, cause ?? '');
    return createJsEngine();
  };
  if (!simdSupported()) {
    if (prefer === 'wasm') return refuse('this engine does not support WebAssembly SIMD');
    return createJsEngine();
  }
  if (source === undefined) return refuse('no kernels_simd.wasm bytes were passed to initKernels');
  try {
    return createWasmEngine(await loadSimdKernels(source));
  } catch (error) {
    return refuse('kernels_simd.wasm failed to load', error);
  }
}
