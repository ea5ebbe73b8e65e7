/**
 * The TensorFlow.js snippet, where tfjs-core has the loss: sigmoidCrossEntropy for
 * BinaryCrossentropy and softmaxCrossEntropy for (Sparse)CategoricalCrossentropy, both on logits.
 * tfjs gives per-sample values; Keras's weighting and reduction are then written out with tf ops.
 */
import { CLASS_PARAMS, kwarg } from '../../engine/catalog';
import type { EngineResult, Nested } from '../../engine/types';
import type { ExampleDoc } from '../../document/document';
import { shapeOf } from '../inputs/tensorOps';
import { formatList, formatNumber } from '../common/format';
import { fnIdOf } from '../common/lossInfo';

const SUPPORTED = ['binary_crossentropy', 'categorical_crossentropy', 'sparse_categorical_crossentropy'];

/** Why tfjs cannot reproduce this example, or null when it can. */
export function tfjsUnavailable(doc: ExampleDoc): string | null {
  const fn = fnIdOf(doc.kind, doc.name);
  if (doc.kind === 'metric') return 'TensorFlow.js has no stateful metric classes for these.';
  if (!fn || !SUPPORTED.includes(fn)) return `TensorFlow.js has no ${doc.name}.`;
  if (doc.config.from_logits !== true) return "TensorFlow.js's cross-entropy losses take logits: set from_logits=True (the y_pred helper converts probabilities).";
  if (doc.config.axis !== undefined && doc.config.axis !== -1) return 'TensorFlow.js reduces the last axis only.';
  if (fn === 'sparse_categorical_crossentropy' && doc.config.ignore_class != null) return 'TensorFlow.js has no ignore_class.';
  if (doc.dtype === 'float64') return 'TensorFlow.js computes in float32 only.';
  const pr = shapeOf(doc.y_pred).length;
  if (pr !== 2) return 'The TensorFlow.js snippet takes 2-D y_pred [batch, classes].';
  const t = shapeOf(doc.y_true).length;
  if (fn === 'sparse_categorical_crossentropy' ? t !== 1 : t !== 2) return 'y_true must have the usual shape for the TensorFlow.js snippet.';
  if (doc.sample_weight !== null && shapeOf(doc.sample_weight).length !== 1) return 'The TensorFlow.js snippet takes sample_weight of shape [batch].';
  return null;
}

const lit = (v: Nested): string => JSON.stringify(v);

function reduce(red: string, weighted: boolean): string[] {
  const v = weighted ? 'weighted' : 'perSample';
  switch (red) {
    case 'sum': return [`// reduction="sum": Σ(w·v)`, `const loss = tf.sum(${v});`];
    case 'mean_with_sample_weight':
      return weighted ? ['// reduction="mean_with_sample_weight": Σ(w·v) / Σw', `const loss = tf.div(tf.sum(${v}), tf.sum(sampleWeight));`]
        : ['// reduction="mean_with_sample_weight" without weights: the mean', `const loss = tf.mean(${v});`];
    case 'none': return ['// reduction=None: the (weighted) per-sample values', `const loss = ${v};`];
    default: return [`// reduction="${red}": Σ(w·v) / number of values`, `const loss = tf.div(tf.sum(${v}), ${v}.size);`];
  }
}

export function tfjsSnippet(doc: ExampleDoc, result: EngineResult | null): string {
  const why = tfjsUnavailable(doc);
  if (why) return `// Not available: ${why}\n`;
  const fn = fnIdOf(doc.kind, doc.name)!;
  const ls = kwarg(doc.config, 'label_smoothing');
  const classes = shapeOf(doc.y_pred)[1];
  let shown = '';
  if (result && result.kind !== 'metric') {
    shown = result.value.shape.length ? formatList(result.value.data, 'float32', 1e9) : formatNumber(result.value.data[0], 'float32');
  }
  const lines = [
    `// Loss Playground example: keras.losses.${doc.name} on logits, in TensorFlow.js.`,
    ...(shown ? [`// Expected output: ${shown}`] : []),
    "import * as tf from '@tensorflow/tfjs';",
    '',
  ];
  if (fn === 'sparse_categorical_crossentropy') {
    lines.push(`const labels = tf.tensor(${lit(doc.y_true)}, undefined, 'int32');`, `const yTrue = tf.oneHot(labels, ${classes});`);
  } else {
    lines.push(`const yTrue = tf.tensor(${lit(doc.y_true)});`);
  }
  lines.push(`const yPred = tf.tensor(${lit(doc.y_pred)});  // logits`);
  if (fn === 'binary_crossentropy') {
    lines.push('// Keras averages the per-entry binary crossentropy over the last axis.',
      `const perSample = tf.mean(tf.losses.sigmoidCrossEntropy(yTrue, yPred, undefined, ${ls}, tf.Reduction.NONE), -1);`);
  } else {
    lines.push(`const perSample = tf.losses.softmaxCrossEntropy(yTrue, yPred, undefined, ${ls}, tf.Reduction.NONE);`);
  }
  const weighted = doc.sample_weight !== null;
  if (weighted) lines.push(`const sampleWeight = tf.tensor(${lit(doc.sample_weight!)});`, 'const weighted = tf.mul(perSample, sampleWeight);');
  const red = doc.kind === 'function' ? 'none' : String(doc.config.reduction ?? CLASS_PARAMS.reduction.default);
  lines.push(...reduce(red === 'auto' ? 'sum_over_batch_size' : red, weighted));
  lines.push(`loss.print();${shown ? `  // Loss Playground: ${shown}` : ''}`);
  return `${lines.join('\n')}\n`;
}
