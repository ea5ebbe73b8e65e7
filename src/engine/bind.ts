/**
 * The one place that binds the loss implementations to their catalog ids. Only the engine's entry
 * points (loss.ts, metrics.ts) call it, so whatever reads the catalog alone (the page, the link
 * schema) never bundles an implementation.
 *
 * An implementation runs once it is registered: implementations.ts registers them all (index.ts,
 * so Node, the CLI, the tests and the main-thread fallback have them at once); the worker loads
 * only the modules a job needs with loadImplementations, each in a chunk of its own.
 */
import type { FnId, KwargsOf } from './catalog';
import type { ResolvedCall } from './config';
import type { Family, FamilyContext, FamilyOutput } from './losses/common';

export type Implementations = { readonly [F in FnId]: Family<KwargsOf<F>> };
type Some = Partial<Implementations>;

const registered: { -readonly [F in FnId]?: Family<KwargsOf<F>> } = {};

export function registerImplementations(impls: Some): void {
  Object.assign(registered, impls);
}

/** The module of each function, as a chunk: functions that share a module share its loader. */
const binary = () => import('./losses/binary').then((m): Some => ({ binary_crossentropy: m.binaryCrossentropy, binary_focal_crossentropy: m.binaryFocalCrossentropy }));
const categorical = () => import('./losses/categorical').then((m): Some => ({ categorical_crossentropy: m.categoricalCrossentropy, categorical_focal_crossentropy: m.categoricalFocalCrossentropy }));
const sparse = () => import('./losses/sparse').then((m): Some => ({ sparse_categorical_crossentropy: m.sparseCategoricalCrossentropy }));
const klPoisson = () => import('./losses/klPoisson').then((m): Some => ({ kl_divergence: m.klDivergence, poisson: m.poisson }));
const ctc = () => import('./losses/ctcFamily').then((m): Some => ({ ctc: m.ctc }));
const LOADERS: { readonly [F in FnId]: () => Promise<Some> } = {
  binary_crossentropy: binary, binary_focal_crossentropy: binary,
  categorical_crossentropy: categorical, categorical_focal_crossentropy: categorical,
  sparse_categorical_crossentropy: sparse, kl_divergence: klPoisson, poisson: klPoisson, ctc,
};

/** Loads and registers the implementations of `fns` that are not registered yet. */
export async function loadImplementations(fns: Iterable<FnId>): Promise<void> {
  const missing = [...new Set(fns)].filter((fn) => registered[fn] === undefined);
  const loaders = new Set(missing.map((fn) => LOADERS[fn]));
  for (const impls of await Promise.all([...loaders].map((load) => load()))) registerImplementations(impls);
}

/** Runs the implementation of a resolved call on its own kwargs. */
export function runFamily(call: ResolvedCall, ctx: Omit<FamilyContext, 'cfg'>): FamilyOutput {
  // TypeScript cannot correlate call.fn with call.kwargs through the lookup; the mapped type above
  // and ResolvedCall pair them by the same catalog id.
  const run = registered[call.fn] as Family | undefined;
  if (run === undefined) throw new Error(`the ${call.fn} implementation is not loaded (loadImplementations first)`);
  return run({ ...ctx, cfg: call.kwargs });
}
