/// <reference lib="webworker" />
/**
 * The engine in a module worker. Started by client.ts with
 * `new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name })`, where
 * the name carries the page's `?backend=` choice. The fused kernels are set up before the host
 * reports ready: WASM SIMD when the browser validates it, else the JS kernels; a module that
 * fails to load falls back to JS with a console warning, never a broken page.
 */
import { initKernels, parseBackendPreference } from '../engine/accelerate';
import * as core from '../engine/core';
import wasmUrl from '../engine/wasm/build/kernels_simd.wasm?url';
import { attachWorkerHost, type HostScope } from './host';

async function setUpKernels(): Promise<void> {
  const prefer = parseBackendPreference(/backend=(\w+)/.exec(self.name)?.[1] ?? null);
  try {
    const simdWasm = prefer === 'js' ? undefined : await (await fetch(wasmUrl)).arrayBuffer();
    await initKernels({ prefer, simdWasm });
  } catch (e) {
    console.warn('Loss Playground: WASM kernels unavailable, using the JS kernels.', e);
    await initKernels({ prefer: 'js' });
  }
}

// The chart helpers (sweeps, curves, the CTC lattice) load with the first chart job.
attachWorkerHost({ ...core, loadExtras: () => import('../engine/extras').then((m) => m.EXTRAS) }, self as unknown as HostScope, setUpKernels());
