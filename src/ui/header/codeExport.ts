/**
 * "Copy as code": a runnable snippet that reproduces the current example and prints the number
 * the playground shows. Keras 3 (on the chosen backend, always named in KERAS_BACKEND) or tf.keras 2
 * follows the semantics mode; TensorFlow.js where it has the loss (codeTfjs.ts).
 */
import type { EngineResult, Nested } from '../../engine/types';
import type { ExampleDoc, UpdateDoc } from '../../document/document';
import { BACKEND_LABELS } from '../common/backendNames';
import { tfjsSnippet, tfjsUnavailable } from './codeTfjs';
import { formatList, formatNumber } from '../common/format';
import { familyOf, fnIdOf } from '../common/lossInfo';
import { kwargs } from './pyArgs';
import { toPythonLiteral } from '../inputs/exportText';

export type CodeTarget = 'keras3' | 'tf_keras2' | 'tfjs';

export interface CodeOption {
  target: CodeTarget;
  label: string;
  /** Why the target cannot reproduce this example, when it cannot. */
  unavailable: string | null;
}

export function codeTargets(doc: ExampleDoc): CodeOption[] {
  const py: CodeOption = doc.semantics === 'keras3'
    ? { target: 'keras3', label: 'Keras 3 (Python)', unavailable: null }
    : { target: 'tf_keras2', label: 'tf.keras 2 (Python)', unavailable: fnIdOf(doc.kind, doc.name) === 'ctc' ? 'tf.keras 2 has no CTC loss class.' : null };
  return [py, { target: 'tfjs', label: 'TensorFlow.js', unavailable: tfjsUnavailable(doc) }];
}

/** The numbers the playground shows, as printed (one per print() in the snippet). */
export function shownNumbers(result: EngineResult | null): string[] {
  if (!result) return [];
  if (result.kind === 'metric') return result.results.map((x) => formatNumber(x, result.dtype));
  const v = result.value;
  return [v.shape.length === 0 ? formatNumber(v.data[0], result.dtype) : formatList(v.data, result.dtype, 1e9)];
}

function labelsAreInt(doc: ExampleDoc): boolean {
  const f = familyOf(fnIdOf(doc.kind, doc.name));
  return f === 'sparse' || f === 'ctc';
}

function arrays(doc: ExampleDoc, u: UpdateDoc, suffix: string, legacy: boolean): string[] {
  const arr = (v: Nested, dt: string) => (legacy ? `tf.constant(${toPythonLiteral(v)}, dtype=tf.${dt})` : `np.array(${toPythonLiteral(v)}, dtype="${dt}")`);
  const lines = [
    `y_true${suffix} = ${arr(u.y_true, labelsAreInt(doc) ? 'int32' : doc.dtype)}`,
    `y_pred${suffix} = ${arr(u.y_pred, doc.dtype)}`,
  ];
  if (u.sample_weight !== null) lines.push(`sample_weight${suffix} = ${arr(u.sample_weight, doc.dtype)}`);
  return lines;
}

const callArgs = (u: UpdateDoc, suffix: string) =>
  `y_true${suffix}, y_pred${suffix}${u.sample_weight !== null ? `, sample_weight=sample_weight${suffix}` : ''}`;

function header(doc: ExampleDoc, legacy: boolean, shown: string[]): string[] {
  const what = `${doc.kind === 'metric' ? 'keras.metrics' : 'keras.losses'}.${doc.name}, ${doc.dtype}`;
  const lines = [`# Loss Playground example: ${what}${legacy ? ', tf.keras 2 semantics' : ''}.`];
  if (shown.length) lines.push(`# Expected output: ${shown.join(', then ')}`);
  if (legacy) {
    lines.push('# Needs tf.keras 2: TensorFlow >= 2.16 with `pip install tf_keras`', '# (on TensorFlow <= 2.15 use `from tensorflow import keras`).');
    lines.push('import tensorflow as tf', 'import tf_keras as keras');
    if (doc.dtype === 'float64') lines.push('', 'keras.backend.set_floatx("float64")');
  } else {
    // Always written, even for the default: the backends part ways in corner cases, so say which one.
    lines.push('import os', '', `# The Keras 3 backend these numbers follow (${BACKEND_LABELS[doc.kerasBackend]}); set it before importing keras.`);
    lines.push(`os.environ["KERAS_BACKEND"] = "${doc.kerasBackend}"`, '', 'import numpy as np', 'import keras');
    if (doc.dtype === 'float64') lines.push('', 'keras.config.set_floatx("float64")');
  }
  return lines;
}

/** The Python snippet (Keras 3, or tf.keras 2 when `legacy`). */
export function pythonSnippet(doc: ExampleDoc, result: EngineResult | null, legacy = doc.semantics === 'tf_keras2'): string {
  const shown = shownNumbers(result);
  const out = header(doc, legacy, shown);
  const show = (expr: string, i: number) =>
    `print(${expr}${legacy ? '.numpy()' : ''})${shown[i] ? `  # Loss Playground: ${shown[i]}` : ''}`;
  const kw = kwargs(doc, legacy);
  if (doc.kind === 'metric') {
    const many = doc.updates.length > 1;
    doc.updates.forEach((u, i) => out.push('', ...arrays(doc, u, many ? `_${i}` : '', legacy)));
    out.push('', `metric = keras.metrics.${doc.name}(${kw})`);
    doc.updates.forEach((u, i) => {
      if (doc.reset_before.includes(i) && i > 0) out.push('metric.reset_state()');
      out.push(`metric.update_state(${callArgs(u, many ? `_${i}` : '')})`, show('metric.result()', i));
    });
    return `${out.join('\n')}\n`;
  }
  const u: UpdateDoc = { y_true: doc.y_true, y_pred: doc.y_pred, sample_weight: doc.sample_weight };
  out.push('', ...arrays(doc, u, '', legacy), '');
  if (doc.kind === 'function') {
    out.push(show(`keras.losses.${doc.name}(y_true, y_pred${kw ? `, ${kw}` : ''})`, 0));
  } else {
    out.push(`loss = keras.losses.${doc.name}(${kw})`, show(`loss(${callArgs(u, '')})`, 0));
  }
  return `${out.join('\n')}\n`;
}

export function exportCode(doc: ExampleDoc, target: CodeTarget, result: EngineResult | null): string {
  if (target === 'tfjs') return tfjsSnippet(doc, result);
  return pythonSnippet(doc, result, target === 'tf_keras2');
}
