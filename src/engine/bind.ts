/**
 * The one module that binds the loss implementations to their catalog ids. Only the engine's
 * entry points (loss.ts, metrics.ts) import it, so whatever reads the catalog alone (the page,
 * the link schema) never bundles an implementation.
 */
import type { FnId, KwargsOf } from './catalog';
import type { ResolvedCall } from './config';
import { binaryCrossentropy, binaryFocalCrossentropy } from './losses/binary';
import { categoricalCrossentropy, categoricalFocalCrossentropy } from './losses/categorical';
import type { Family, FamilyContext, FamilyOutput } from './losses/common';
import { ctc } from './losses/ctcFamily';
import { klDivergence, poisson } from './losses/klPoisson';
import { sparseCategoricalCrossentropy } from './losses/sparse';

/** Every catalog function has exactly one implementation, reading exactly its catalog kwargs. */
export const IMPLEMENTATIONS: { readonly [F in FnId]: Family<KwargsOf<F>> } = {
  binary_crossentropy: binaryCrossentropy,
  binary_focal_crossentropy: binaryFocalCrossentropy,
  categorical_crossentropy: categoricalCrossentropy,
  categorical_focal_crossentropy: categoricalFocalCrossentropy,
  sparse_categorical_crossentropy: sparseCategoricalCrossentropy,
  poisson,
  kl_divergence: klDivergence,
  ctc,
};

/** Runs the implementation of a resolved call on its own kwargs. */
export function runFamily(call: ResolvedCall, ctx: Omit<FamilyContext, 'cfg'>): FamilyOutput {
  // TypeScript cannot correlate call.fn with call.kwargs through the lookup; the mapped type above
  // and ResolvedCall pair them by the same catalog id.
  const run = IMPLEMENTATIONS[call.fn] as Family;
  return run({ ...ctx, cfg: call.kwargs });
}
