/**
 * Every loss implementation, registered at once: what index.ts (Node, the CLI, the tests, the
 * main-thread fallback) loads. The worker loads them one module at a time instead (bind.ts).
 */
import { registerImplementations, type Implementations } from './bind';
import { binaryCrossentropy, binaryFocalCrossentropy } from './losses/binary';
import { categoricalCrossentropy, categoricalFocalCrossentropy } from './losses/categorical';
import { ctc } from './losses/ctcFamily';
import { klDivergence, poisson } from './losses/klPoisson';
import { sparseCategoricalCrossentropy } from './losses/sparse';

/** Every catalog function has exactly one implementation, reading exactly its catalog kwargs. */
export const IMPLEMENTATIONS: Implementations = {
  binary_crossentropy: binaryCrossentropy,
  binary_focal_crossentropy: binaryFocalCrossentropy,
  categorical_crossentropy: categoricalCrossentropy,
  categorical_focal_crossentropy: categoricalFocalCrossentropy,
  sparse_categorical_crossentropy: sparseCategoricalCrossentropy,
  poisson,
  kl_divergence: klDivergence,
  ctc,
};

registerImplementations(IMPLEMENTATIONS);
