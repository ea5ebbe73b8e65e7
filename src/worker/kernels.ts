/// <reference lib="webworker" />
/**
 * The fused kernels in the worker: fetch kernels_simd.wasm and initialise them (WASM SIMD when the
 * browser validates it, else the JS kernels; a module that fails to load falls back to JS with a
 * console warning, never a broken page). engine.worker.ts imports this module with import() when
 * the first job that can use the kernels arrives, so neither it nor the .wasm is part of start-up.
 */
import { initKernels, parseBackendPreference } from '../engine/accelerate';
import wasmUrl from '../engine/wasm/build/kernels_simd.wasm?url';

/** `workerName` carries the page's `?kernels=` choice (client.ts). */
export async function setUpKernels(workerName: string): Promise<void> {
  const prefer = parseBackendPreference(/backend=(\w+)/.exec(workerName)?.[1] ?? null);
  try {
    const simdWasm = prefer === 'js' ? undefined : await (await fetch(wasmUrl)).arrayBuffer();
    await initKernels({ prefer, simdWasm });
  } catch (e) {
    console.warn('Loss Playground: WASM kernels unavailable, using the JS kernels.', e);
    await initKernels({ prefer: 'js' });
  }
}
