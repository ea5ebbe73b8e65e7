/**
 * References from a lesson's text to the numbers the engine computed (or to the document's own
 * inputs). Grammar, one reference per `{…}` in a template:
 *
 *   ref      := quantity ['@' variant] ['|' digits]
 *   quantity := 'loss'                        the reduced loss, or a metric's last result()
 *             | 'value' idx | 'per_sample' idx | 'grad' idx | 'result' idx
 *             | 'numerator' | 'denominator'   the reduction's Σ(v·w) and its divisor
 *             | 'step:' NAME [idx]            an explain-view intermediate (`step:p_clipped[0,2]`)
 *             | 'in:' FIELD [idx]             the document's input (`in:y_pred[0,1]`, `in:config.gamma`)
 *             | 'dim:' FIELD idx              a tensor's size along an axis (`dim:y_pred[1]`)
 *   idx      := '[' int (',' int)* ']'        one index per axis of the tensor
 *
 * `|3` prints three significant digits instead of the dtype's full print.
 */
import type { ExampleDoc } from '../document/document';
import type { EngineResult, Nested, Tensor } from '../engine/types';

export interface Ref {
  /** The reference as written. */
  text: string;
  quantity: string;
  /** Step name, input field or tensor field the quantity reads (empty for loss, numerator…). */
  name: string;
  index: number[] | null;
  /** The document it reads ('' for the step's own). */
  variant: string;
  digits: number | null;
}

/** One document's engine answer: a result, or the error Keras would raise. */
export type Outcome = { ok: true; result: EngineResult } | { ok: false; error: { message: string } };

const REF = /^(loss|value|per_sample|grad|result|numerator|denominator|step:|in:|dim:)([A-Za-z0-9_.[\]-]*?)(\[[0-9, ]+\])?(?:@([A-Za-z][A-Za-z0-9_]*))?(?:\|([1-9]))?$/;

/** Parses a reference; throws an Error naming it when it does not follow the grammar. */
export function parseRef(text: string): Ref {
  const m = REF.exec(text.trim());
  if (!m) throw new Error(`"{${text}}" is not a reference a lesson can use`);
  const [, q, name, idx, variant, digits] = m;
  const quantity = q.endsWith(':') ? q.slice(0, -1) : q;
  if (q.endsWith(':') !== (name !== '')) throw new Error(`"{${text}}": ${q.endsWith(':') ? 'a name must follow' : 'nothing may follow'} "${q}"`);
  return {
    text, quantity, name,
    index: idx ? idx.slice(1, -1).split(',').map((s) => Number(s.trim())) : null,
    variant: variant ?? '', digits: digits ? Number(digits) : null,
  };
}

function entryOf(t: Tensor, index: number[] | null, what: string): number {
  const idx = index ?? [];
  if (idx.length !== t.shape.length) throw new Error(`${what} has shape [${t.shape}]: expected ${t.shape.length} indices, got [${idx}]`);
  let flat = 0;
  idx.forEach((i, d) => {
    if (i < 0 || i >= t.shape[d]) throw new Error(`${what}: index ${i} is out of range for axis ${d} (size ${t.shape[d]})`);
    flat = flat * t.shape[d] + i;
  });
  return t.data[flat];
}

function nestedEntry(v: Nested | null | undefined, index: number[] | null, what: string): number {
  let cur: Nested | null | undefined = v;
  for (const i of index ?? []) cur = Array.isArray(cur) ? cur[i] : undefined;
  if (typeof cur !== 'number') throw new Error(`${what}${index ? `[${index}]` : ''} is not a number in the document`);
  return cur;
}

function shapeOf(v: Nested | null | undefined): number[] {
  const shape: number[] = [];
  for (let cur = v; Array.isArray(cur); cur = cur[0]) shape.push(cur.length);
  return shape;
}

function inputOf(doc: ExampleDoc, r: Ref): number {
  if (r.name.startsWith('config.')) {
    const key = r.name.slice('config.'.length);
    const v = doc.config[key];
    if (Array.isArray(v)) return nestedEntry(v as Nested, r.index, r.name);
    if (typeof v !== 'number') throw new Error(`${r.name} is not set to a number in the document`);
    return v;
  }
  if (r.name !== 'y_true' && r.name !== 'y_pred' && r.name !== 'sample_weight') throw new Error(`"${r.name}" is not an input of the document`);
  if (r.quantity === 'dim') {
    const shape = shapeOf(doc[r.name]);
    const axis = r.index?.[0] ?? -1;
    if (r.index?.length !== 1 || axis < 0 || axis >= shape.length) throw new Error(`dim:${r.name} needs one axis below ${shape.length}`);
    return shape[axis];
  }
  return nestedEntry(doc[r.name], r.index, r.name);
}

/** The number a reference names, read from its document and that document's engine answer. */
export function readRef(r: Ref, doc: ExampleDoc, outcome: Outcome): number {
  if (r.quantity === 'in' || r.quantity === 'dim') return inputOf(doc, r);
  if (!outcome.ok) throw new Error(`{${r.text}}: Keras raises for this document (${outcome.error.message})`);
  const res = outcome.result;
  if (res.kind === 'metric') {
    if (r.quantity === 'loss') return res.results[res.results.length - 1];
    if (r.quantity === 'result' && r.index?.length === 1 && r.index[0] < res.results.length) return res.results[r.index[0]];
    throw new Error(`{${r.text}}: a metric has loss (its last result()) and result[i]`);
  }
  switch (r.quantity) {
    case 'loss':
      if (res.value.shape.length !== 0) throw new Error(`{${r.text}}: the loss is not reduced here (shape [${res.value.shape}])`);
      return res.value.data[0];
    case 'value': return entryOf(res.value, r.index, 'value');
    case 'per_sample': return entryOf(res.perSample, r.index, 'per_sample');
    case 'grad':
      if (!res.grad) throw new Error(`{${r.text}}: no gradient (${res.gradError ?? 'not computed'})`);
      return entryOf(res.grad, r.index, 'grad');
    case 'numerator':
    case 'denominator': {
      const v = res.reduction?.[r.quantity];
      if (v == null) throw new Error(`{${r.text}}: this loss is not reduced`);
      return v;
    }
    case 'step': {
      const step = res.steps?.find((s) => s.name === r.name);
      if (!step) throw new Error(`{${r.text}}: no step named "${r.name}" (steps: ${res.steps?.map((s) => s.name).join(', ') ?? 'none'})`);
      return entryOf(step.tensor, r.index, `step ${r.name}`);
    }
    default: throw new Error(`{${r.text}}: "${r.quantity}" needs an index`);
  }
}
