import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KERAS_BACKENDS, type Nested } from '../../src/engine/types';
import { CHART_TABS, defaultDoc, EMBED_VIEWS, GRADIENT_COMPARE, GRADIENT_SPACES, MAX_TRAIN_STEPS, TRAIN_COMPARE, TRAIN_OPTIMIZERS, type ExampleDoc } from '../../src/document/document';
import { decode, encode } from '../../src/document/codec';
import { docProblems } from '../../src/document/fields';
import { tensorsFor } from '../../src/document/examples';
import { docToJson, jsonToDoc } from '../../src/document/json';
import { PRESETS, presetDoc } from '../../src/presets';
import { LOSS_GROUPS } from '../../src/ui/common/lossInfo';

/** The first example's data, then each loss's example (what a link naming only that loss opens). */
const EXAMPLES = [defaultDoc(), ...LOSS_GROUPS.flatMap((g) => g.options).map((o) => tensorsFor(defaultDoc(), o.kind, o.name))]
  .map((t) => ({ y_true: t.y_true, y_pred: t.y_pred, updates: t.updates }));
const EXAMPLE_TENSORS: Nested[] = EXAMPLES.flatMap((t) => [t.y_true, t.y_pred]);

const num = fc.double({ noNaN: true, noDefaultInfinity: true });
/** Tensor entries include NaN and ±Infinity: Keras computes with them, and links carry them. */
const entry = fc.double();
const row = fc.array(entry, { maxLength: 6 });
const tensor: fc.Arbitrary<Nested> = fc.oneof(
  entry, row, fc.array(row, { maxLength: 5 }), fc.array(fc.array(row, { maxLength: 3 }), { maxLength: 3 }),
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 120, maxLength: 240 }),  // long enough for z=
  // The first example's data and the loss picker's examples: links leave these out (linkBase.ts).
  fc.constantFrom(...EXAMPLE_TENSORS),
);
const id = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_.-]{1,40}$/), fc.constantFrom(...PRESETS.map((p) => p.id)));
const OPTIONS = LOSS_GROUPS.flatMap((g) => g.options);

const config = fc.record({
  from_logits: fc.boolean(),
  label_smoothing: num,
  apply_class_balancing: fc.boolean(),
  alpha: fc.oneof(num, fc.array(num, { minLength: 1, maxLength: 5 })),
  gamma: fc.double({ min: 0, max: 100, noNaN: true }),
  axis: fc.integer({ min: -8, max: 8 }),
  reduction: fc.constantFrom('sum_over_batch_size', 'sum', 'mean', 'mean_with_sample_weight', 'none', 'auto'),
  ignore_class: fc.option(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { nil: null }),
}, { requiredKeys: [] });

const validDoc: fc.Arbitrary<ExampleDoc> = fc.record({
  v: fc.constant(1 as const),
  kind: fc.constantFrom('loss' as const, 'function' as const, 'metric' as const),
  name: fc.oneof(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/), fc.constantFrom(...OPTIONS.map((o) => o.name))),
  config,
  semantics: fc.constantFrom('keras3' as const, 'tf_keras2' as const),
  kerasBackend: fc.constantFrom(...KERAS_BACKENDS),
  dtype: fc.constantFrom('float32' as const, 'float64' as const),
  y_true: tensor,
  y_pred: tensor,
  sample_weight: fc.option(tensor, { nil: null }),
  updates: fc.array(fc.record({ y_true: tensor, y_pred: tensor, sample_weight: fc.option(tensor, { nil: null }) }), { maxLength: 3 }),
  reset_before: fc.array(fc.integer({ min: 0, max: 63 }), { maxLength: 4 }),
  view: fc.record({
    tab: fc.constantFrom(...CHART_TABS),
    selected: fc.option(fc.tuple(fc.nat(1e6), fc.nat(1e6)), { nil: null }),
    hide: fc.array(id, { maxLength: 4 }),
    preset: fc.option(id, { nil: null }),
    compare: fc.constantFrom(...GRADIENT_COMPARE),
    space: fc.constantFrom(...GRADIENT_SPACES),
    lesson: id,
    step: fc.integer({ min: 1, max: 50 }),
    // A teacher's words: any printable text (spaces, &, =, #, %, quotes, accents, emoji), line breaks in a note.
    title: fc.string({ maxLength: 120, unit: 'grapheme' }).filter((t) => !/[\u0000-\u001f\u007f]/.test(t) && t.length <= 120),
    note: fc.string({ maxLength: 200, unit: 'grapheme' }).map((t) => t.replace(/[\u0000-\u001f\u007f]/g, '\n')),
    embed: fc.constantFrom(...EMBED_VIEWS),
    optimizer: fc.constantFrom(...TRAIN_OPTIMIZERS),
    learningRate: fc.double({ min: 1e-6, max: 100, noNaN: true }),
    steps: fc.integer({ min: 1, max: MAX_TRAIN_STEPS }),
    trainCompare: fc.constantFrom(...TRAIN_COMPARE),
    trainStep: fc.integer({ min: 0, max: MAX_TRAIN_STEPS }),
  }, { requiredKeys: ['tab', 'selected', 'hide', 'preset'] }),
});

/**
 * Documents close to the first example, where the link bases matter: its data (or a loss's
 * example) under any loss, a real preset id as the label, few other changes.
 */
const nearDefault: fc.Arbitrary<ExampleDoc> = fc.record({
  // Often the first example itself, so a preset label on it is tried too.
  option: fc.oneof(fc.constant(OPTIONS.find((o) => o.key === 'loss:SparseCategoricalCrossentropy')!), fc.constantFrom(...OPTIONS)),
  data: fc.oneof(fc.constant(EXAMPLES[0]), fc.constantFrom(...EXAMPLES)),
  sample_weight: fc.option(fc.constant<Nested>([0.3, 0.7]), { nil: null }),
  config: fc.constantFrom<Record<string, unknown>>({}, { reduction: 'sum' }),
  preset: fc.option(fc.constantFrom(...PRESETS.map((p) => p.id)), { nil: null }),
  tab: fc.constantFrom(...CHART_TABS),
}).map(({ option, data, sample_weight, config: c, preset, tab }) => ({
  ...defaultDoc(), kind: option.kind, name: option.name, ...data, sample_weight, config: c, view: { ...defaultDoc().view, tab, preset },
}));

/** A valid encoding with a random edit: cut short, one character changed, or junk inserted. */
const mutatedEncoding = fc.tuple(validDoc, fc.nat(), fc.string({ maxLength: 12, unit: 'binary' }), fc.nat(3)).map(
  ([doc, at, junk, how]) => {
    const text = encode(doc);
    const i = at % (text.length + 1);
    if (how === 0) return text.slice(0, i);
    if (how === 1) return text.slice(0, i) + (junk[0] ?? '%') + text.slice(i + 1);
    if (how === 2) return text.slice(0, i) + junk + text.slice(i);
    return text.replace(/\[/g, () => (junk.length % 2 ? '[' : '{'));
  });

describe('codec properties', () => {
  it('decode(encode(doc)) gives back doc, without errors, for any valid document', () => {
    fc.assert(fc.property(fc.oneof(validDoc, nearDefault), (doc) => {
      expect(decode(encode(doc))).toEqual({ doc, errors: [] });
    }), { numRuns: 300 });
  });

  it('with the presets: decode(encode(doc)) gives back doc, whether or not the encoder knew them', () => {
    fc.assert(fc.property(fc.oneof(validDoc, nearDefault), (doc) => {
      expect(decode(encode(doc, presetDoc), presetDoc)).toEqual({ doc, errors: [] });
      expect(decode(encode(doc), presetDoc)).toEqual({ doc, errors: [] });
    }), { numRuns: 300 });
  });

  it('a preset with its view or its data changed comes back as it was', () => {
    const edited = fc.record({
      preset: fc.constantFrom(...PRESETS),
      tab: fc.constantFrom(...CHART_TABS),
      hide: fc.array(id, { maxLength: 2 }),
      config: fc.option(config, { nil: undefined }),
      y_pred: fc.option(tensor, { nil: undefined }),
    }).map(({ preset, tab, hide, config: c, y_pred }): ExampleDoc => ({
      ...preset.doc, ...(c ? { config: c } : {}), ...(y_pred !== undefined ? { y_pred } : {}), view: { ...preset.doc.view, tab, hide },
    }));
    fc.assert(fc.property(edited, (doc) => {
      expect(decode(encode(doc, presetDoc), presetDoc)).toEqual({ doc, errors: [] });
    }), { numRuns: 300 });
  });

  it('jsonToDoc(docToJson(doc)) gives back doc, without errors, for any valid document', () => {
    fc.assert(fc.property(validDoc, (doc) => {
      expect(jsonToDoc(docToJson(doc))).toEqual({ doc, errors: [] });
    }), { numRuns: 200 });
  });

  it('decode never throws on random text and always returns a valid document', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.array(fc.tuple(fc.constantFrom('v', 'z', 'gamma', 'y_pred', 'updates', 'sel', 'hide', 'kind', '__proto__'),
        fc.string({ maxLength: 30 })), { maxLength: 6 }).map((kv) => kv.map(([k, v]) => `${k}=${v}`).join('&')),
    );
    fc.assert(fc.property(text, (t) => {
      const { doc } = decode(t);
      expect(docProblems(doc)).toEqual([]);
    }), { numRuns: 500 });
  });

  it('decode never throws on mutated or truncated encodings and always returns a valid document', () => {
    fc.assert(fc.property(mutatedEncoding, (t) => {
      const { doc } = decode(t);
      expect(docProblems(doc)).toEqual([]);
    }), { numRuns: 500 });
  });
});
