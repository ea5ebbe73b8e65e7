/**
 * Validation for everything a link or a file can put into a document. Bounds protect the page
 * (grid size, payload size); Keras's own ranges are NOT enforced where Keras accepts a value
 * silently (label_smoothing = 1.5 loads, and the pitfall panel explains it).
 */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { CLASS_PARAMS, PARAMS, REDUCTIONS, type ParamName, type ParamSpec, type ParamType } from '../engine/catalog';
import { KERAS_BACKENDS, type Nested } from '../engine/types';
import { readJsonNumber } from './nonFiniteText';
import { CHART_TABS, EMBED_VIEWS, GRADIENT_COMPARE, GRADIENT_SPACES, MAX_TRAIN_STEPS, TRAIN_COMPARE, TRAIN_OPTIMIZERS } from './document';

// zod/mini carries no messages of its own: the English ones, as full zod would give them.
z.config(en());

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
  if (!Array.isArray(v)) return readJsonNumber(v) as number;
  // The common case, a row of plain numbers, is copied in one pass (a call per entry made a
  // 100,000-entry link or saved document spend tens of ms here).
  let plain = true;
  for (let i = 0; i < v.length && plain; i++) plain = typeof v[i] === 'number';
  return plain ? (v.slice() as number[]) : v.map(numbersOf);
}

export const nestedSchema = z.pipe(
  z.unknown().check(z.superRefine((v, ctx) => {
    const problem = nestedProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })),
  z.transform(numbersOf),
);

/** Identifiers a link may carry (panel ids, preset ids): short and URL-safe. */
const idSchema = z.string().check(z.regex(/^[A-Za-z0-9_.-]{1,40}$/, 'expected letters, digits, "_", "." or "-"'));

const finite = z.number();  // zod 4 numbers reject NaN and ±Infinity
const intIn = (lo: number, hi: number) => z.int().check(z.minimum(lo), z.maximum(hi));

/** Plain text for people to read (a title, a note): no control characters besides line breaks in a note. */
const plainText = (max: number, lines: boolean) => z.string().check(
  z.maxLength(max, `expected at most ${max} characters`),
  z.refine((s) => !(lines ? /[\u0000-\u0009\u000b-\u001f\u007f]/ : /[\u0000-\u001f\u007f]/).test(s), 'expected plain text (no control characters)'),
);

export const docFieldSchemas = {
  kind: z.enum(['loss', 'function', 'metric']),
  name: z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'expected a Keras class or function name')),
  semantics: z.enum(['keras3', 'tf_keras2']),
  kerasBackend: z.enum(KERAS_BACKENDS as [string, ...string[]]),
  dtype: z.enum(['float32', 'float64']),
  y_true: nestedSchema,
  y_pred: nestedSchema,
  sample_weight: z.nullable(nestedSchema),
  updates: z.array(z.object({
    y_true: nestedSchema,
    y_pred: nestedSchema,
    sample_weight: z.nullable(nestedSchema),
  })).check(z.maxLength(LIMITS.maxUpdates)),
  reset_before: z.array(intIn(0, LIMITS.maxUpdates - 1)).check(z.maxLength(LIMITS.maxUpdates)),
  tab: z.enum(CHART_TABS as [string, ...string[]]),
  selected: z.nullable(z.tuple([intIn(0, 1e6), intIn(0, 1e6)])),
  hide: z.array(idSchema).check(z.maxLength(LIMITS.maxHidden)),
  preset: z.nullable(idSchema),
  compare: z.optional(z.enum(GRADIENT_COMPARE)),
  space: z.optional(z.enum(GRADIENT_SPACES)),
  lesson: z.optional(idSchema),
  step: z.optional(intIn(1, LIMITS.maxLessonStep)),
  title: z.optional(plainText(LIMITS.maxTitle, false)),
  note: z.optional(plainText(LIMITS.maxNote, true)),
  // `embed=1` (the short spelling) means the chart.
  embed: z.optional(z.union([z.enum(EMBED_VIEWS), z.pipe(z.literal('1'), z.transform(() => 'chart' as const))])),
  optimizer: z.optional(z.enum(TRAIN_OPTIMIZERS)),
  // Positive and at most 100: beyond that every run diverges in a step (the engine takes any positive value).
  learningRate: z.optional(z.number().check(z.positive(), z.maximum(100))),
  steps: z.optional(intIn(1, MAX_TRAIN_STEPS)),
  trainCompare: z.optional(z.enum(TRAIN_COMPARE)),
  trainStep: z.optional(intIn(0, MAX_TRAIN_STEPS)),
};

/**
 * The value schema of each catalog param type. Ranges are what the page can draw sensibly (a
 * param's linkRange, e.g. gamma up to 100), or what Keras itself requires (integers for axis and
 * ignore_class); label_smoothing takes any float, as Keras does (outside [0, 1] the UI warns).
 */
const TYPE_SCHEMAS = {
  bool: z.boolean(),
  number: finite,
  alpha: finite,
  // A list for CategoricalFocalCrossentropy's per-class alpha.
  alpha_or_list: z.union([finite, z.array(finite).check(z.minLength(1), z.maxLength(4096))]),
  axis: intIn(-8, 8),
  int_or_null: z.nullable(intIn(-(2 ** 31), 2 ** 31 - 1)),
  reduction: z.enum([...new Set<string>([...REDUCTIONS.keras3, ...REDUCTIONS.tf_keras2])] as [string, ...string[]]),
} satisfies Partial<Record<ParamType, z.ZodMiniType>>;

type LinkType = keyof typeof TYPE_SCHEMAS;
const LINK_SPECS: readonly (ParamSpec & { type: LinkType })[] = [...Object.values(PARAMS), CLASS_PARAMS.reduction];

/** Config keys in the order a link writes them (links made so far keep their spelling); a test keeps it equal to the catalog's names. */
const LINK_ORDER = [
  'from_logits', 'label_smoothing', 'apply_class_balancing', 'alpha', 'gamma', 'axis', 'reduction', 'ignore_class',
] as const satisfies readonly (ParamName | 'reduction')[];
export type ConfigKey = (typeof LINK_ORDER)[number];

/** The catalog types of a config key (alpha has two: a scalar, or scalar-or-list). */
export function configTypes(key: ConfigKey): LinkType[] {
  return [...new Set(LINK_SPECS.filter((s) => s.name === key).map((s) => s.type))];
}

/** What a link may carry for a key: any value one of its catalog specs takes. */
function schemaFor(key: ConfigKey): z.ZodMiniType {
  const types = configTypes(key);
  const range = LINK_SPECS.find((s) => s.name === key && s.linkRange)?.linkRange;
  if (range) return z.number().check(z.minimum(range[0]), z.maximum(range[1]));
  return types.length === 1 ? TYPE_SCHEMAS[types[0]] : z.union(types.map((t) => TYPE_SCHEMAS[t]));
}

/** Keras kwargs a link may set, by Keras name. */
export const configSchemas = Object.fromEntries(LINK_ORDER.map((k) => [k, schemaFor(k)])) as Record<ConfigKey, z.ZodMiniType>;
export const CONFIG_KEYS: readonly ConfigKey[] = LINK_ORDER;

/** One problem found while reading a link or a file: which field, and what was wrong. */
export interface DecodeError {
  field: string;
  message: string;
}

/** Validate one value; the message is zod's first issue, phrased for a person. */
export function check(schema: z.ZodMiniType, value: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  const r = schema.safeParse(value);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, message: r.error.issues[0]?.message ?? 'invalid value' };
}
