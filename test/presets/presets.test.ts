import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/index';
import {
  documentedValue, FIRST_SCREEN_PRESET, firstScreenDoc, matchesDocumented, PRESETS, presetById, printedNumbers, resultNumbers,
} from '../../src/presets';
import { paramsOf } from '../../src/ui/common/lossInfo';
import { linkFor, readLinkDoc } from '../../src/url/sync';
import { docToRequest } from '../../src/document/request';
import { docProblems } from '../../src/document/fields';

describe('matchesDocumented', () => {
  it.each<[number | number[], string, boolean]>([
    [1.1769392, '1.177', true],            // rounded
    [0.865458, '0.8654', true],            // truncated
    [0.2436386, '0.243', true],            // truncated
    [0.46630552, '0.46631', true],         // rounded
    [[0.051293306, 2.3025851], '[0.0513, 2.303]', true],
    [[3.20583313e-5, 0.466273457], '[3.2058331e-05, 4.6627346e-01]', true],
    [0.8149245, '0.81492424', false],      // Keras 3 vs the tf.keras 2 digits the page prints
    [1.1789, '1.177', false],
    [[0.0513], '[0.0513, 2.303]', false],  // wrong length
    [NaN, '1.177', false],
  ])('matchesDocumented(%s, "%s") is %s', (computed, text, expected) => {
    expect(matchesDocumented(computed, { text })).toBe(expected);
  });

  it('printedNumbers reads each number with the precision it is printed at', () => {
    expect(printedNumbers('array([0.0017 1.1561])')).toEqual([{ value: 0.0017, step: 1e-4 }, { value: 1.1561, step: 1e-4 }]);
    expect(printedNumbers('4.6627346e-01')[0].step).toBeCloseTo(1e-8, 20);
  });
});

describe('presets', () => {
  it('there is one preset for each of the 33 documented cases plus the 6 other examples the docs print', () => {
    expect(PRESETS).toHaveLength(39);
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
    expect(PRESETS.filter((p) => p.source === 'tf_keras2').map((p) => p.id)).toEqual(
      ['tf2-scce-1', 'tf2-scce-2', 'tf2-scce-3', 'tf2-scce-4']);
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))('%s is a valid document that remembers its preset id', (id, p) => {
    expect(docProblems(p.doc)).toEqual([]);
    expect(p.doc.view.preset).toBe(id);
    expect(presetById(id)).toBe(p);
    expect(p.documented.value).toEqual(documentedValue(p.documented.text));
  });

  // DESIGN.md: links of the documented examples stay under 200 characters, the page's address included.
  const PAGE = 'https://loss-playground.github.io/loss-playground/';

  it.each(PRESETS.map((p) => [p.id, p] as const))('%s opens from a link under 200 characters', (_, p) => {
    const link = linkFor(p.doc, PAGE);
    expect(link.length).toBeLessThan(200);
    expect(readLinkDoc(link.slice(link.indexOf('#')))).toEqual({ doc: p.doc, errors: [] });
  });

  it('the first screen is CategoricalCrossentropy\'s documented example, with a label_smoothing slider', () => {
    const doc = firstScreenDoc();
    expect(doc).toBe(presetById(FIRST_SCREEN_PRESET)!.doc);
    expect(doc).toMatchObject({ kind: 'loss', name: 'CategoricalCrossentropy' });
    expect(paramsOf(doc.kind, doc.name, doc.semantics).find((s) => s.name === 'label_smoothing')?.type).toBe('number');
  });

  it.each(PRESETS.map((p) => [p.id, p] as const))('%s computes the value its documentation prints', (_, p) => {
    const { req, opts } = docToRequest(p.doc);
    const computed = resultNumbers(evaluate(req, opts));
    if (p.documented.semantics && p.documented.semantics !== p.doc.semantics) {
      // The docs print another Keras's digits: ours differ, and switching semantics reproduces them.
      expect(matchesDocumented(computed, p.documented)).toBe(false);
      const other = resultNumbers(evaluate(req, { ...opts, semantics: p.documented.semantics }));
      expect(matchesDocumented(other, p.documented)).toBe(true);
    } else {
      expect(matchesDocumented(computed, p.documented)).toBe(true);
    }
  });

  it('metric presets show one documented number per result() call', () => {
    for (const p of PRESETS.filter((x) => x.doc.kind === 'metric')) {
      expect((p.documented.value as number[]).length).toBe(p.doc.updates.length);
    }
  });
});
