/**
 * The loss implementations a job needs, so the worker loads only those (bind.ts loadImplementations):
 * each item's function, read from its kind and name. An extra (a chart, a training run) may
 * evaluate any function, so a job with extras loads them all; the charts load after the first
 * result. A request whose name the catalog does not know needs none: the engine rejects it by name.
 */
import { FUNCTIONS, fnIdOf, type FnId } from '../engine/catalog';
import type { Kind } from '../engine/types';
import type { EvalItem, ExtraCall } from './protocol';

export function implementationsFor(items: readonly EvalItem[], extras: Readonly<Record<string, ExtraCall>>): FnId[] {
  if (Object.keys(extras).length) return Object.keys(FUNCTIONS) as FnId[];
  const fns: FnId[] = [];
  for (const { req } of items) {
    const r = req as { kind?: unknown; name?: unknown } | null;
    const fn = r && typeof r === 'object' ? fnIdOf(r.kind as Kind, r.name) : null;
    if (fn !== null) fns.push(fn);
  }
  return fns;
}
