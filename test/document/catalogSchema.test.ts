/**
 * The link's config keys and their value schemas are derived from the engine's catalog: a link
 * accepts exactly the catalog's kwargs (plus a loss class's reduction), each with its type.
 */
import { describe, expect, it } from 'vitest';
import { CLASS_PARAMS, PARAMS, REDUCTIONS, type ParamType } from '../../src/engine/catalog';
import { defaultDoc } from '../../src/document/document';
import { decode, encode } from '../../src/document/codec';
import { docProblems } from '../../src/document/fields';
import { CONFIG_KEYS, configSchemas } from '../../src/document/schema';

const SPECS = [...Object.values(PARAMS), CLASS_PARAMS.reduction];

/** A value of each catalog type that a param of that type must refuse. */
const WRONG: Record<Exclude<ParamType, 'string' | 'dtype'>, unknown[]> = {
  bool: [1, 'true', null],
  number: ['0.1', null, [0.1]],
  alpha: ['0.25', null, true],
  alpha_or_list: ['0.25', [], [0.1, 'x'], null],
  axis: [0.5, '1', true, null],
  int_or_null: [1.5, '1', false],
  reduction: ['avg', 1, null],
};

describe('the link schema derived from the catalog', () => {
  it('has one config key per catalog kwarg name, plus reduction, and no other', () => {
    const names = new Set(SPECS.map((s) => s.name));
    expect(new Set(CONFIG_KEYS)).toEqual(names);
    expect(CONFIG_KEYS).toHaveLength(names.size);
  });

  it.each(SPECS.map((s) => [s.name, s] as const))('%s: its catalog default passes; values of another type do not', (_name, spec) => {
    const schema = configSchemas[spec.name as keyof typeof configSchemas];
    expect(schema.safeParse(spec.default).success).toBe(true);
    for (const bad of WRONG[spec.type as keyof typeof WRONG]) expect(schema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it('takes every reduction of either semantics', () => {
    for (const r of [...REDUCTIONS.keras3, ...REDUCTIONS.tf_keras2]) expect(configSchemas.reduction.safeParse(r).success).toBe(true);
  });

  it('alpha takes a scalar (binary focal) and a per-class list (categorical focal)', () => {
    expect(configSchemas.alpha.safeParse(0.5).success).toBe(true);
    expect(configSchemas.alpha.safeParse([0.2, 0.3, 0.5]).success).toBe(true);
  });

  it('a link holding every catalog kwarg at its default decodes to the same config, in catalog order', () => {
    const config = Object.fromEntries(SPECS.map((s) => [s.name, s.default]));
    const d = { ...defaultDoc(), config };
    const link = encode(d);
    const { doc, errors } = decode(link);
    expect(errors).toEqual([]);
    expect(doc.config).toEqual(config);
    expect(link.indexOf('from_logits=')).toBeLessThan(link.indexOf('ignore_class='));
  });

  it('a config key that is not a catalog kwarg is a problem', () => {
    expect(docProblems({ ...defaultDoc(), config: { beta: 1 } })).toContainEqual({ field: 'config.beta', message: 'unknown key' });
  });
});
