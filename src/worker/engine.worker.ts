/// <reference lib="webworker" />
/**
 * The engine in a module worker. Started by client.ts with
 * `new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name })`, where
 * the name carries the page's `?kernels=` choice. Only the reference engine's core loads at start:
 * each loss implementation loads before the first job that evaluates it (familyDemand.ts), the
 * fused kernels (kernels.ts, and the .wasm it fetches) load once, before the first job that can
 * use them (kernelDemand.ts), and the chart helpers with the first chart job.
 */
import * as core from '../engine/core';
import { attachWorkerHost, type HostScope } from './host';
import { implementationsFor } from './familyDemand';
import { jobWantsKernels } from './kernelDemand';

let kernels: Promise<void> | null = null;

attachWorkerHost({
  ...core,
  loadExtras: () => import('../engine/extras').then((m) => m.EXTRAS),
  prepare: async (items, extras) => {
    const implementations = core.loadImplementations(implementationsFor(items, extras));
    if (kernels === null && !jobWantsKernels(items, extras)) return implementations;
    // A chunk that fails to load leaves the reference path, which computes the same numbers.
    await (kernels ??= import('./kernels').then((m) => m.setUpKernels(self.name)).catch((e: unknown) => {
      console.warn('Loss Playground: the kernels could not be loaded; using the reference engine.', e);
    }));
    await implementations;
  },
}, self as unknown as HostScope);
