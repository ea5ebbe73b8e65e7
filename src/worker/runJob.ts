/**
 * Runs one job against an engine module, item by item, checking before each item whether a newer
 * job made this one stale. Shared by the worker and the main-thread fallback. No DOM.
 */
import type { EvalItem, ExtraCall, ExtraOutcome, ItemOutcome, JobResult, OutcomeError } from './protocol';

/** The part of src/engine/index.ts the runner needs; other exports are reachable as extras. */
export interface EngineModule {
  evaluateMany(items: EvalItem[]): ItemOutcome[];
  /** More extras, loaded on the first job that calls one (the worker's chart helpers). */
  loadExtras?(): Promise<object>;
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

export function toOutcomeError(e: unknown): OutcomeError {
  if (e && typeof e === 'object' && 'message' in e) {
    const { message, field, index } = e as { message: unknown; field?: unknown; index?: unknown };
    const out: OutcomeError = { message: String(message) };
    if (typeof field === 'string') out.field = field;
    if (Array.isArray(index)) out.index = index.filter((i): i is number => typeof i === 'number');
    return out;
  }
  return { message: String(e) };
}

function callExtra(helpers: object, call: ExtraCall): ExtraOutcome {
  const fn = Object.hasOwn(helpers, call.fn) ? (helpers as Record<string, unknown>)[call.fn] : undefined;
  if (typeof fn !== 'function' || call.fn.startsWith('_')) {
    return { ok: false, error: { message: `the engine has no helper named "${call.fn}"` } };
  }
  try {
    return { ok: true, value: (fn as (...a: unknown[]) => unknown)(...(call.args ?? [])) };
  } catch (e) {
    return { ok: false, error: toOutcomeError(e) };
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
  const helpers = calls.length && engine.loadExtras ? { ...engine, ...(await engine.loadExtras()) } : engine;
  for (const [name, call] of calls) {
    if (!(await stillWanted())) return null;
    extraOut.push([name, callExtra(helpers, call)]);
  }
  busy += now() - sliceStart;
  // fromEntries defines own properties, so an extra named "__proto__" cannot reach a prototype.
  return { items: outcomes, extras: Object.fromEntries(extraOut), backend: backendOf(outcomes), ms: busy };
}
