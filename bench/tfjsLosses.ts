/**
 * The seven losses in TensorFlow.js 4.x (tfjs-core ops, run on tfjs-backend-wasm or -cpu), with
 * Keras 3 float32 semantics so that the bench compares like with like. tfjs-core has built-in
 * losses only for two of them: tf.losses.softmaxCrossEntropy (categorical_crossentropy from
 * logits; also used for sparse after tf.oneHot) and tf.losses.sigmoidCrossEntropy
 * (binary_crossentropy from logits). Everything else is composed from tf ops, as COMPOSED says;
 * tf.losses.logLoss is not used because it puts epsilon inside the logs (tf.keras 2 semantics).
 * Gradients come from tf.valueAndGrad of the summed per-sample values.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelFn } from '../src/engine/accelerate';

const EPS = 1e-7;

/** Which tfjs variants are composed from elementary ops (no tfjs loss exists for them). */
export function composed(fn: KernelFn, logits: boolean): boolean {
  return !((fn === 'categorical_crossentropy' || fn === 'binary_crossentropy') && logits);
}

/** Per-sample values [N] of a loss, as a function of y_pred, for fixed labels. */
export function perSampleFn(fn: KernelFn, logits: boolean, yTrue: tf.Tensor, cols: number): (yPred: tf.Tensor) => tf.Tensor {
  const clip = (p: tf.Tensor): tf.Tensor => tf.clipByValue(p, EPS, 1 - EPS);
  const renormalised = (p: tf.Tensor): tf.Tensor => tf.div(p, tf.sum(p, -1, true));
  const bceOf = (y: tf.Tensor, p: tf.Tensor): tf.Tensor => {
    const pc = clip(p);
    return tf.neg(tf.add(tf.mul(y, tf.log(pc)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, pc)))));
  };
  switch (fn) {
    case 'binary_crossentropy':
      return logits
        ? (z) => tf.mean(tf.losses.sigmoidCrossEntropy(yTrue, z, undefined, 0, tf.Reduction.NONE), -1)
        : (p) => tf.mean(bceOf(yTrue, p), -1);
    case 'binary_focal_crossentropy':
      return (x) => {
        const p = logits ? tf.sigmoid(x) : x;
        const pt = tf.add(tf.mul(yTrue, p), tf.mul(tf.sub(1, yTrue), tf.sub(1, p)));
        return tf.mean(tf.mul(tf.pow(tf.sub(1, pt), 2), bceOf(yTrue, p)), -1);
      };
    case 'categorical_crossentropy':
      return logits
        ? (z) => tf.losses.softmaxCrossEntropy(yTrue, z, undefined, 0, tf.Reduction.NONE)
        : (p) => tf.neg(tf.sum(tf.mul(yTrue, tf.log(clip(renormalised(p)))), -1));
    case 'sparse_categorical_crossentropy': {
      const oneHot = (): tf.Tensor => tf.cast(tf.oneHot(tf.cast(yTrue, 'int32'), cols), 'float32');
      return logits
        ? (z) => tf.losses.softmaxCrossEntropy(oneHot(), z, undefined, 0, tf.Reduction.NONE)
        : (p) => tf.neg(tf.sum(tf.mul(oneHot(), tf.log(clip(renormalised(p)))), -1));
    }
    case 'categorical_focal_crossentropy':
      return (x) => {
        const r = clip(renormalised(logits ? tf.softmax(x) : x));
        const cce = tf.mul(tf.neg(yTrue), tf.log(r));
        return tf.sum(tf.mul(tf.mul(0.25, tf.pow(tf.sub(1, r), 2)), cce), -1);
      };
    case 'kl_divergence':
      return (p) => {
        const yc = tf.clipByValue(yTrue, EPS, 1);
        return tf.sum(tf.mul(yc, tf.log(tf.div(yc, tf.clipByValue(p, EPS, 1)))), -1);
      };
    case 'poisson':
      return (p) => tf.mean(tf.sub(p, tf.mul(yTrue, tf.log(tf.add(p, EPS)))), -1);
  }
}

/** One forward + gradient evaluation, synchronised by reading both results back. */
export function valueAndGradRunner(fn: KernelFn, logits: boolean, yTrue: tf.Tensor, yPred: tf.Tensor, cols: number): () => void {
  const perSample = perSampleFn(fn, logits, yTrue, cols);
  const vg = tf.valueAndGrad((x: tf.Tensor) => tf.sum(perSample(x)) as tf.Scalar);
  return () => {
    const { value, grad } = vg(yPred);
    value.dataSync();
    grad.dataSync();
    value.dispose();
    grad.dispose();
  };
}
