/**
 * Lesson text as templates: literal words plus `{ref}` placeholders (refs.ts) that are filled from
 * the engine's answers. The page and the tests render the same segments; the printing of a number
 * is handed in (the page's float32/float64 print, src/ui/common/format.ts), so this folder stays
 * free of UI code.
 */
import type { DType } from '../engine/types';
import type { ExampleDoc } from '../document/document';
import { parseRef, readRef, type Outcome, type Ref } from './refs';
import type { LessonStep, Values } from './types';

export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'num'; ref: Ref; value: number | null; error: string | null };

/** The documents a step's numbers come from, by variant name ('' is the step's own). */
export function stepDocs(step: LessonStep): Record<string, ExampleDoc> {
  return { '': step.doc, ...step.variants };
}

/** Splits a template into literal text and parsed references (throws on a malformed reference). */
export function parseTemplate(template: string): ({ kind: 'text'; text: string } | { kind: 'ref'; ref: Ref })[] {
  const out: ({ kind: 'text'; text: string } | { kind: 'ref'; ref: Ref })[] = [];
  const re = /\{([^{}]*)\}/g;
  let last = 0;
  for (let m; (m = re.exec(template));) {
    if (m.index > last) out.push({ kind: 'text', text: template.slice(last, m.index) });
    out.push({ kind: 'ref', ref: parseRef(m[1]) });
    last = m.index + m[0].length;
  }
  if (last < template.length) out.push({ kind: 'text', text: template.slice(last) });
  return out;
}

/** Reads references against a step's documents and their outcomes (missing outcomes: not computed yet). */
export function valuesOf(docs: Record<string, ExampleDoc>, outcomes: Record<string, Outcome | undefined>): Values {
  return {
    n(text) {
      const ref = parseRef(text);
      const doc = docs[ref.variant];
      if (!doc) throw new Error(`{${text}}: the step has no document named "${ref.variant}"`);
      const outcome = outcomes[ref.variant];
      if (!outcome && ref.quantity !== 'in' && ref.quantity !== 'dim') throw new Error(`{${text}}: not computed yet`);
      return readRef(ref, doc, outcome ?? { ok: false, error: { message: 'not computed' } });
    },
    raises(variant) {
      const o = outcomes[variant];
      return o !== undefined && !o.ok;
    },
  };
}

/** The template with every reference read (a reference that cannot be read carries its error). */
export function fillTemplate(template: string, values: Values): Segment[] {
  return parseTemplate(template).map((p) => {
    if (p.kind === 'text') return p;
    try {
      return { kind: 'num', ref: p.ref, value: values.n(p.ref.text), error: null };
    } catch (e) {
      return { kind: 'num', ref: p.ref, value: null, error: e instanceof Error ? e.message : String(e) };
    }
  });
}

/** How a filled number prints: the dtype's print, or `digits` significant digits when the reference asks. */
export function printNumber(value: number, ref: Ref, dtype: DType, print: (x: number, dtype: DType) => string): string {
  if (ref.digits === null || !Number.isFinite(value)) return print(value, dtype);
  return String(Number(value.toPrecision(ref.digits)));
}

/** Plain text of filled segments ('…' where a number is not there yet). */
export function segmentsText(segments: Segment[], dtype: DType, print: (x: number, dtype: DType) => string): string {
  return segments.map((s) => (s.kind === 'text' ? s.text : s.value === null ? '…' : printNumber(s.value, s.ref, dtype, print))).join('');
}

/** Names and phrases whose digits are not numbers a lesson states. */
const NAMES_WITH_DIGITS = /\b(float32|float64|log1p|Keras 3|tf\.keras 2)\b/g;

/**
 * Digits in a template's literal text: each one is a number typed by hand instead of computed.
 * Formulas in backticks (`1 − ls + ls/C`) are math, not stated results, and are left out.
 */
export function strayNumbers(template: string): string[] {
  const literal = template.replace(/\{[^{}]*\}/g, ' ').replace(/`[^`]*`/g, ' ').replace(NAMES_WITH_DIGITS, ' ');
  return literal.match(/[^\s]*\d[^\s]*/g) ?? [];
}
