/**
 * What a link leaves out comes from a base document. There are three, so that short links say a
 * lot and old links keep their meaning:
 *
 * - the defaults (`defaultDoc`, the first SparseCategoricalCrossentropy docs example): every link
 *   since v=1 was written against it, so it never changes;
 * - the named loss's example: a link without y_true and y_pred (`#v=1&name=BinaryCrossentropy&
 *   label_smoothing=0.2`) starts from the example the loss picker shows when you pick that loss;
 * - a preset: a link that names a preset and nothing the engine computes with (`#v=1&preset=bfce-6`)
 *   is that documented example. Links written before carried every field beside the id, so they
 *   read exactly as they did.
 */
import { defaultDoc, REQUEST_FIELDS, type ExampleDoc } from './document';
import { tensorsFor, type ExampleTensors } from './examples';
import { FIELDS, readField } from './fields';
import { deepEqual } from './nested';
import { docFieldSchemas } from './schema';

/** The document an unmodified preset's id stands for; undefined for an id it does not know. */
export type PresetLookup = (id: string) => ExampleDoc | undefined;

const REQUEST: ReadonlySet<string> = new Set(REQUEST_FIELDS);

/** Link keys of fields the engine computes with (every config key among them). */
export const REQUEST_KEYS: ReadonlySet<string> = new Set(FIELDS.filter((f) => REQUEST.has(f.path[0])).map((f) => f.key));

const EXAMPLE_FIELDS = ['y_true', 'y_pred', 'sample_weight', 'updates', 'reset_before'] as const satisfies readonly (keyof ExampleTensors)[];

/** The data a link naming only this loss starts from (the defaults' data, converted as the loss picker converts it). */
function exampleOf(doc: Pick<ExampleDoc, 'kind' | 'name'>): ExampleTensors {
  return tensorsFor(defaultDoc(), doc.kind, doc.name);
}

/**
 * The preset a link stands for, as a fresh copy to decode into: its `preset` names a known preset
 * and it carries no field the engine computes with. Otherwise null (the link reads against the defaults).
 */
export function presetBase(params: ReadonlyMap<string, string>, presets?: PresetLookup): ExampleDoc | null {
  const id = params.get('preset');
  if (!presets || id === undefined || !docFieldSchemas.preset.safeParse(id).success) return null;
  if ([...params.keys()].some((k) => REQUEST_KEYS.has(k))) return null;
  const doc = presets(id);
  return doc ? structuredClone(doc) : null;
}

/** A link without y_true and y_pred: the data fields it did not set come from the named loss's example. */
export function fillExample(doc: ExampleDoc, written: ReadonlySet<string>): void {
  if (written.has('y_true') || written.has('y_pred')) return;
  const example = exampleOf(doc);
  for (const k of EXAMPLE_FIELDS) if (!written.has(k)) (doc as unknown as Record<string, unknown>)[k] = example[k];
}

export interface EncodeBase {
  /** Fields equal to the base's are left out. */
  base: ExampleDoc;
  /** Write every config key present, even one equal to the base (a config lists the kwargs that were passed). */
  allConfig: boolean;
  /** Keys written whatever their value, so the decoder picks the same base. */
  force: ReadonlySet<string>;
}

/** The base `encode` writes `doc` against: the one `decode` will read the link with. */
export function encodeBase(doc: ExampleDoc, presets?: PresetLookup): EncodeBase {
  const preset = doc.view.preset === null ? undefined : presets?.(doc.view.preset);
  if (preset && REQUEST_FIELDS.every((k) => deepEqual(doc[k], preset[k]))
    && FIELDS.every((f) => readField(doc, f) !== undefined || readField(preset, f) === undefined)) {
    return { base: preset, allConfig: false, force: new Set(['preset']) };
  }
  const defaults = defaultDoc();
  const example = exampleOf(doc);
  const force = new Set<string>();
  let base = defaults;
  if (deepEqual(doc.y_true, example.y_true) && deepEqual(doc.y_pred, example.y_pred)) {
    base = { ...defaults, ...example };
  } else if (deepEqual(doc.y_true, defaults.y_true) && deepEqual(doc.y_pred, defaults.y_pred)) {
    force.add('y_true');  // the defaults' data under a loss whose example differs: say so, or it would be converted
  }
  const writesRequest = force.size > 0 || Object.keys(doc.config).length > 0
    || REQUEST_FIELDS.some((k) => k !== 'config' && !deepEqual(doc[k], base[k]));
  // A preset id with nothing else the engine reads would stand for the preset's own data.
  if (doc.view.preset !== null && !writesRequest) force.add('name');
  return { base, allConfig: true, force };
}
