/**
 * Runs one job against an engine module, item by item, checking before each item whether a newer
 * job made this one stale. Shared by the worker and the main-thread fallback. No DOM.
 */
import { toErrorInfo } from '../engine/errors';
import type { Extras } from '../engine/extras';
import type { EvalItem, ExtraCall, ExtraOutcome, ItemOutcome, JobResult } from './protocol';

/**
 * The part of src/engine/index.ts the runner needs: evaluateMany for items, and the EXTRAS table,
 * the only functions an extra call can reach (a module without it runs no extras).
 */
export interface EngineModule {
  evaluateMany(items: EvalItem[]): ItemOutcome[];
  /** The extras table when the module carries it (Node, tests, the main-thread fallback). */
  readonly EXTRAS?: Extras;
  /** Or: the table, loaded on the first job that calls an extra (the worker keeps the chart helpers out of its start-up). */
  loadExtras?(): Promise<Extras>;
  /** Loads what this job needs before it runs (the worker: the fused kernels, for large inputs). */
  prepare?(items: EvalItem[], extras: Record<string, ExtraCall>): Promise<void>;
}

export interface RunHooks {
  /** True once a newer job on the same channel exists. */
  isStale(): boolean;
  /** Let the event loop run (so new jobs can arrive and mark this one stale). */
  yieldNow(): Promise<void>;
  /** Called after a time slice, so the client's watchdog knows the engine is alive. */
  onProgress?(): void;
}

/** Work this long between yields: short enough to notice a newer request, long enough not to crawl. */
const SLICE_MS = 8;

/** Runs an entry of the engine's EXTRAS table; any other name (another export, `__proto__`) is refused by name. */
function callExtra(extrasTable: Extras | undefined, call: ExtraCall): ExtraOutcome {
  const table: Readonly<Record<string, (...args: never[]) => unknown>> = extrasTable ?? {};
  const name: unknown = (call as { fn?: unknown } | null)?.fn;
  if (typeof name !== 'string' || !Object.hasOwn(table, name)) {
    return { ok: false, error: { message: `the engine has no extra job named ${JSON.stringify(name)} (its extra jobs: ${Object.keys(table).join(', ') || 'none'})` } };
  }
  try {
    // The arguments arrive from another thread: the extra checks them as it checks any request.
    const args: readonly unknown[] = call.args ?? [];
    return { ok: true, value: table[name](...(args as never[])) };
  } catch (e) {
    return { ok: false, error: toErrorInfo(e) };
  }
}

/** The backend results report (`backend` field, once the engine has kernels), else 'ts'. */
function backendOf(items: ItemOutcome[]): string {
  for (const it of items) {
    const b = it.ok ? (it.result as { backend?: unknown }).backend : undefined;
    if (typeof b === 'string') return b;
  }
  return 'ts';
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** The job's result, or null when it went stale before finishing. */
export async function runJob(
  engine: EngineModule, items: EvalItem[], extras: Record<string, ExtraCall>, hooks: RunHooks,
): Promise<JobResult | null> {
  await engine.prepare?.(items, extras);
  const start = now();
  let sliceStart = start;
  let busy = 0;
  /** Yields when the slice is used up; then reports whether the job is still wanted. */
  const stillWanted = async (): Promise<boolean> => {
    if (now() - sliceStart > SLICE_MS) {
      busy += now() - sliceStart;
      hooks.onProgress?.();
      await hooks.yieldNow();
      sliceStart = now();
    } else {
      await Promise.resolve();
    }
    return !hooks.isStale();  // read after the await: a newer job may have arrived meanwhile
  };
  const outcomes: ItemOutcome[] = [];
  for (const item of items) {
    if (!(await stillWanted())) return null;
    outcomes.push(...engine.evaluateMany([item]));
  }
  const extraOut: [string, ExtraOutcome][] = [];
  const calls = Object.entries(extras);
  const table = calls.length && !engine.EXTRAS && engine.loadExtras ? await engine.loadExtras() : engine.EXTRAS;
  for (const [name, call] of calls) {
    if (!(await stillWanted())) return null;
    extraOut.push([name, callExtra(table, call)]);
  }
  busy += now() - sliceStart;
  // fromEntries defines own properties, so an extra named "__proto__" cannot reach a prototype.
  return { items: outcomes, extras: Object.fromEntries(extraOut), backend: backendOf(outcomes), ms: busy };
}
