/** How the UI names the Keras 3 backends (and tf.keras 2, which the compare view shows beside them). */
import { KERAS_BACKENDS, type KerasBackend } from '../../engine/types';

/** Picker order: TensorFlow (Keras 3's default) first. */
export const KERAS_BACKEND_ORDER: readonly KerasBackend[] = KERAS_BACKENDS;

import { BACKEND_LABELS } from '../../engine/backendNotes';

export { BACKEND_LABELS };

/** A column of the compare view: a Keras 3 backend, or legacy tf.keras 2 (on TensorFlow). */
export type TargetId = KerasBackend | 'tf_keras2';

export const TARGETS: readonly TargetId[] = [...KERAS_BACKEND_ORDER, 'tf_keras2'];

export const TARGET_LABELS: Record<TargetId, string> = { ...BACKEND_LABELS, tf_keras2: 'tf.keras 2' };
