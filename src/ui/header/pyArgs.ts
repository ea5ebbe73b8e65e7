/**
 * Python spellings of the example's arguments: shared by the code export (loaded when opened) and
 * the parameters panel, which shows the call it builds.
 */
import type { ExampleDoc } from '../../document/document';
import { paramsOf } from '../common/lossInfo';

/** A Python value: True/False/None, numbers, lists and strings (Keras 3 spells reduction "none" as None). */
export function pyValue(v: unknown, key = ''): string {
  if (v === null || (key === 'reduction' && v === 'none')) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => pyValue(x)).join(', ')}]`;
  return JSON.stringify(String(v));
}

/** Keyword arguments in Keras's parameter order, then reduction and dtype. */
export function kwargs(doc: ExampleDoc, legacy: boolean): string {
  const order = paramsOf(doc.kind, doc.name, doc.semantics).map((p) => p.name);
  const keys = Object.keys(doc.config).filter((k) => doc.config[k] !== undefined)
    .sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
  const parts = keys.map((k) => `${k}=${legacy && k === 'reduction' ? pyValue(String(doc.config[k])) : pyValue(doc.config[k], k)}`);
  if (!legacy && doc.dtype === 'float64' && doc.kind !== 'function') parts.push('dtype="float64"');
  return parts.join(', ');
}
