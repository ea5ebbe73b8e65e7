/**
 * Validation for everything a link or a file can put into a document. Bounds protect the page
 * (grid size, payload size); Keras's own ranges are NOT enforced where Keras accepts a value
 * silently (label_smoothing = 1.5 loads, and the pitfall panel explains it).
 */
import { z } from 'zod';
import { KERAS_BACKENDS, type Nested } from '../engine/types';
import { readJsonNumber } from './nonFiniteText';
import { CHART_TABS, EMBED_VIEWS, GRADIENT_COMPARE, GRADIENT_SPACES } from './document';

export const LIMITS = {
  /** Deepest nesting a tensor may have (the losses take at most [batch, time, classes] plus one). */
  maxRank: 4,
  /** Entries per tensor: beyond this the page would stall drawing the grid. */
  maxElements: 100_000,
  /** Characters of a hash we will look at (plain or compressed). */
  maxHashChars: 200_000,
  /** Bytes a compressed payload may inflate to: stops decompression bombs early. */
  maxInflatedBytes: 2_000_000,
  /** Characters of an opened JSON file. */
  maxJsonChars: 16_000_000,
  maxUpdates: 64,
  maxHidden: 32,
  /** Characters of a teacher's title and note: a heading and a few sentences, not a document. */
  maxTitle: 120,
  maxNote: 600,
  maxLessonStep: 50,
} as const;

/** Keys that could reach Object.prototype through a careless merge; refused everywhere. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Why `value` is not a nested list of numbers within the limits, or null when it is. NaN and
 * ±Infinity are numbers here (Keras computes with them), as numbers or as JSON's strings
 * "NaN", "Infinity", "-Infinity".
 */
export function nestedProblem(value: unknown): string | null {
  let count = 0;
  const walk = (v: unknown, depth: number, at: string): string | null => {
    if (typeof v === 'number' || (typeof v === 'string' && readJsonNumber(v) !== undefined)) {
      return ++count > LIMITS.maxElements ? `more than ${LIMITS.maxElements} entries` : null;
    }
    if (typeof v === 'string') return `expected a number at ${at || 'the top'}, received "${v.slice(0, 20)}" (only "NaN", "Infinity" and "-Infinity" are read as numbers)`;
    if (!Array.isArray(v)) return `expected a number or a list at ${at || 'the top'}, received ${typeof v}`;
    if (depth >= LIMITS.maxRank) return `expected at most ${LIMITS.maxRank} levels of nesting`;
    for (let i = 0; i < v.length; i++) {
      const problem = walk(v[i], depth + 1, `${at}[${i}]`);
      if (problem) return problem;
    }
    return null;
  };
  return walk(value, 0, '');
}

/** A checked nested value with JSON's "NaN" / "Infinity" / "-Infinity" strings read as numbers. */
function numbersOf(v: unknown): Nested {
  return Array.isArray(v) ? v.map(numbersOf) : (readJsonNumber(v) as number);
}

export const nestedSchema = z.unknown().superRefine((v, ctx) => {
  const problem = nestedProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
}).transform(numbersOf);

/** Identifiers a link may carry (panel ids, preset ids): short and URL-safe. */
const idSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'expected letters, digits, "_", "." or "-"');

const finite = z.number();  // zod 4 numbers reject NaN and ±Infinity

/** Plain text for people to read (a title, a note): no control characters besides line breaks in a note. */
const plainText = (max: number, lines: boolean) => z.string().max(max, `expected at most ${max} characters`)
  .refine((s) => !(lines ? /[\u0000-\u0009\u000b-\u001f\u007f]/ : /[\u0000-\u001f\u007f]/).test(s), 'expected plain text (no control characters)');

export const docFieldSchemas = {
  kind: z.enum(['loss', 'function', 'metric']),
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'expected a Keras class or function name'),
  semantics: z.enum(['keras3', 'tf_keras2']),
  kerasBackend: z.enum(KERAS_BACKENDS as [string, ...string[]]),
  dtype: z.enum(['float32', 'float64']),
  y_true: nestedSchema,
  y_pred: nestedSchema,
  sample_weight: nestedSchema.nullable(),
  updates: z.array(z.object({
    y_true: nestedSchema,
    y_pred: nestedSchema,
    sample_weight: nestedSchema.nullable(),
  })).max(LIMITS.maxUpdates),
  reset_before: z.array(z.number().int().min(0).max(LIMITS.maxUpdates - 1)).max(LIMITS.maxUpdates),
  tab: z.enum(CHART_TABS as [string, ...string[]]),
  selected: z.tuple([z.number().int().min(0).max(1e6), z.number().int().min(0).max(1e6)]).nullable(),
  hide: z.array(idSchema).max(LIMITS.maxHidden),
  preset: idSchema.nullable(),
  compare: z.enum(GRADIENT_COMPARE).optional(),
  space: z.enum(GRADIENT_SPACES).optional(),
  lesson: idSchema.optional(),
  step: z.number().int().min(1).max(LIMITS.maxLessonStep).optional(),
  title: plainText(LIMITS.maxTitle, false).optional(),
  note: plainText(LIMITS.maxNote, true).optional(),
  // `embed=1` (the short spelling) means the chart.
  embed: z.union([z.enum(EMBED_VIEWS), z.literal('1').transform(() => 'chart' as const)]).optional(),
};

/**
 * Keras kwargs a link may set, by Keras name. Ranges are what the page can draw sensibly
 * (gamma up to 100), or what Keras itself requires (integers for axis and ignore_class).
 */
export const configSchemas = {
  from_logits: z.boolean(),
  // Keras accepts any float here; outside [0, 1] the labels leave [0, 1] and the UI warns.
  label_smoothing: finite,
  apply_class_balancing: z.boolean(),
  // A list for CategoricalFocalCrossentropy's per-class alpha.
  alpha: z.union([finite, z.array(finite).min(1).max(4096)]),
  gamma: z.number().min(0).max(100),
  axis: z.number().int().min(-8).max(8),
  reduction: z.enum(['sum_over_batch_size', 'sum', 'mean', 'mean_with_sample_weight', 'none', 'auto']),
  ignore_class: z.number().int().min(-(2 ** 31)).max(2 ** 31 - 1).nullable(),
} satisfies Record<string, z.ZodType>;

export type ConfigKey = keyof typeof configSchemas;
export const CONFIG_KEYS = Object.keys(configSchemas) as ConfigKey[];

/** One problem found while reading a link or a file: which field, and what was wrong. */
export interface DecodeError {
  field: string;
  message: string;
}

/** Validate one value; the message is zod's first issue, phrased for a person. */
export function check(schema: z.ZodType, value: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  const r = schema.safeParse(value);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, message: r.error.issues[0]?.message ?? 'invalid value' };
}
