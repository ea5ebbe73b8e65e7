/**
 * The table that drives the link codec and the JSON file codec, after tensorflow/playground's
 * `State.PROPS`: each row names a URL key (Keras spelling), where the value lives in a document,
 * how it is written as text, and the schema it must pass.
 */
import type { ZodMiniType } from 'zod/mini';
import type { Nested } from '../engine/types';
import type { ExampleDoc, UpdateDoc } from './document';
import { jsonNonFinite } from './nonFiniteText';
import { CONFIG_KEYS, configSchemas, configTypes, docFieldSchemas } from './schema';

/** How a value is spelled in a link: raw text, compact JSON, true/false, `a,b` lists, or update triples. */
export type TextForm = 'raw' | 'json' | 'bool' | 'list' | 'pair' | 'updates';

export interface FieldSpec {
  /** URL key. */
  key: string;
  /** Where the value sits in a document (and in a JSON file); errors name this path joined by '.'. */
  path: readonly [string] | readonly [string, string];
  text: TextForm;
  schema: ZodMiniType;
}

/** Config values by catalog type: true/false, a reduction's name as it is, anything else compact JSON. */
const configText = (key: (typeof CONFIG_KEYS)[number]): TextForm => {
  const [type] = configTypes(key);
  return type === 'bool' ? 'bool' : type === 'reduction' ? 'raw' : 'json';
};

export const FIELDS: readonly FieldSpec[] = [
  { key: 'kind', path: ['kind'], text: 'raw', schema: docFieldSchemas.kind },
  { key: 'name', path: ['name'], text: 'raw', schema: docFieldSchemas.name },
  { key: 'semantics', path: ['semantics'], text: 'raw', schema: docFieldSchemas.semantics },
  // `backend=jax`; absent (the default, tensorflow) in most links, so older links read as TensorFlow.
  { key: 'backend', path: ['kerasBackend'], text: 'raw', schema: docFieldSchemas.kerasBackend },
  { key: 'dtype', path: ['dtype'], text: 'raw', schema: docFieldSchemas.dtype },
  ...CONFIG_KEYS.map((k): FieldSpec => ({
    key: k,
    path: ['config', k],
    text: configText(k),
    schema: configSchemas[k],
  })),
  { key: 'y_true', path: ['y_true'], text: 'json', schema: docFieldSchemas.y_true },
  { key: 'y_pred', path: ['y_pred'], text: 'json', schema: docFieldSchemas.y_pred },
  { key: 'sample_weight', path: ['sample_weight'], text: 'json', schema: docFieldSchemas.sample_weight },
  { key: 'updates', path: ['updates'], text: 'updates', schema: docFieldSchemas.updates },
  { key: 'reset_before', path: ['reset_before'], text: 'json', schema: docFieldSchemas.reset_before },
  { key: 'tab', path: ['view', 'tab'], text: 'raw', schema: docFieldSchemas.tab },
  { key: 'sel', path: ['view', 'selected'], text: 'pair', schema: docFieldSchemas.selected },
  { key: 'hide', path: ['view', 'hide'], text: 'list', schema: docFieldSchemas.hide },
  { key: 'preset', path: ['view', 'preset'], text: 'raw', schema: docFieldSchemas.preset },
  { key: 'compare', path: ['view', 'compare'], text: 'raw', schema: docFieldSchemas.compare },
  { key: 'space', path: ['view', 'space'], text: 'raw', schema: docFieldSchemas.space },
  { key: 'lesson', path: ['view', 'lesson'], text: 'raw', schema: docFieldSchemas.lesson },
  { key: 'step', path: ['view', 'step'], text: 'json', schema: docFieldSchemas.step },
  { key: 'title', path: ['view', 'title'], text: 'raw', schema: docFieldSchemas.title },
  { key: 'note', path: ['view', 'note'], text: 'raw', schema: docFieldSchemas.note },
  { key: 'embed', path: ['view', 'embed'], text: 'raw', schema: docFieldSchemas.embed },
  // The training chart's run (Keras's spelling where Keras has one): optimizer=adam&learning_rate=0.01&steps=300&train_compare=smoothing&train_step=120
  { key: 'optimizer', path: ['view', 'optimizer'], text: 'raw', schema: docFieldSchemas.optimizer },
  { key: 'learning_rate', path: ['view', 'learningRate'], text: 'json', schema: docFieldSchemas.learningRate },
  { key: 'steps', path: ['view', 'steps'], text: 'json', schema: docFieldSchemas.steps },
  { key: 'train_compare', path: ['view', 'trainCompare'], text: 'raw', schema: docFieldSchemas.trainCompare },
  { key: 'train_step', path: ['view', 'trainStep'], text: 'json', schema: docFieldSchemas.trainStep },
];

export const fieldName = (f: FieldSpec): string => f.path.join('.');

/** The value at a field's path, or undefined when a config key is absent. */
export function readField(doc: ExampleDoc, f: FieldSpec): unknown {
  const outer = (doc as unknown as Record<string, unknown>)[f.path[0]];
  if (f.path.length === 1) return outer;
  const inner = outer as Record<string, unknown>;
  return Object.hasOwn(inner, f.path[1]) ? inner[f.path[1]] : undefined;
}

/** Writes a validated value into `doc` (a fresh copy the caller owns; only whitelisted keys reach it). */
export function writeField(doc: ExampleDoc, f: FieldSpec, value: unknown): void {
  const d = doc as unknown as Record<string, unknown>;
  if (f.path.length === 1) d[f.path[0]] = value;
  else (d[f.path[0]] as Record<string, unknown>)[f.path[1]] = value;
}

/**
 * Shortest round-trip spelling of a number; keeps -0, which JSON.stringify would turn into 0.
 * NaN and ±Infinity, which JSON lacks, are written as the strings "NaN", "Infinity", "-Infinity".
 */
const formatNumber = (n: number): string =>
  (Object.is(n, -0) ? '-0' : Number.isFinite(n) ? String(n) : `"${jsonNonFinite(n)}"`);

/** Compact JSON for numbers, booleans, null and nested lists (no spaces). */
export function formatJson(v: unknown): string {
  if (typeof v === 'number') return formatNumber(v);
  if (Array.isArray(v)) return `[${v.map(formatJson).join(',')}]`;
  return JSON.stringify(v) ?? 'null';
}

export function formatText(f: FieldSpec, v: unknown): string {
  switch (f.text) {
    case 'raw': return String(v);
    case 'bool': return v ? 'true' : 'false';
    case 'list':
    case 'pair': return (v as unknown[]).join(',');
    case 'updates':
      return formatJson((v as UpdateDoc[]).map((u) =>
        u.sample_weight === null ? [u.y_true, u.y_pred] : [u.y_true, u.y_pred, u.sample_weight]));
    default: return formatJson(v);
  }
}

/** Text back to a candidate value; the schema judges it afterwards. Throws only on malformed JSON. */
export function parseText(f: FieldSpec, s: string): unknown {
  switch (f.text) {
    case 'raw': return s;
    case 'bool': return s === 'true' || s === '1' ? true : s === 'false' || s === '0' ? false : s;
    case 'list': return s === '' ? [] : s.split(',');
    case 'pair': return s.split(',').map((t) => (/^\d{1,7}$/.test(t) ? Number(t) : NaN));
    case 'updates': {
      const raw: unknown = JSON.parse(s);
      if (!Array.isArray(raw)) return raw;
      return raw.map((u: unknown) => (Array.isArray(u) && (u.length === 2 || u.length === 3)
        ? { y_true: u[0] as Nested, y_pred: u[1] as Nested, sample_weight: (u[2] ?? null) as Nested | null }
        : u));
    }
    default: return JSON.parse(s);
  }
}

/** What is wrong with a document, by field path (empty for a valid one): the invariant decode guarantees. */
export function docProblems(doc: ExampleDoc): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (doc.v !== 1) problems.push({ field: 'v', message: 'expected 1' });
  for (const k of Object.keys(doc.config)) {
    if (!FIELDS.some((f) => f.path[0] === 'config' && f.path[1] === k)) problems.push({ field: `config.${k}`, message: 'unknown key' });
  }
  for (const f of FIELDS) {
    const v = readField(doc, f);
    if (v === undefined && f.path[0] === 'config') continue;
    const r = f.schema.safeParse(v);
    if (!r.success) problems.push({ field: fieldName(f), message: r.error.issues[0]?.message ?? 'invalid' });
  }
  return problems;
}
