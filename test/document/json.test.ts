import { describe, expect, it } from 'vitest';
import { defaultDoc } from '../../src/document/document';
import { PRESETS } from '../../src/presets';
import { docToJson, jsonToDoc } from '../../src/document/json';

describe('docToJson / jsonToDoc', () => {
  it('docToJson writes one key per line with compact tensors', () => {
    const text = docToJson(defaultDoc());
    expect(text).toContain('"y_pred": [[0.05,0.95,0],[0.1,0.8,0.1]]');
    expect(text.split('\n').length).toBeLessThan(20);
  });

  it('jsonToDoc reads back every preset unchanged', () => {
    for (const p of PRESETS) expect(jsonToDoc(docToJson(p.doc))).toEqual({ doc: p.doc, errors: [] });
  });

  it('jsonToDoc opens a conformance case line (updates without sample_weight)', () => {
    const line = '{"id":"doc-metric-Poisson-0001","kind":"metric","name":"Poisson","config":{},' +
      '"updates":[{"y_true":[[0,1],[0,0]],"y_pred":[[1,1],[0,0]]}],"reset_before":[],"expect":{"results":[0.5]}}';
    const { doc, errors } = jsonToDoc(line);
    expect(errors).toEqual([]);
    expect(doc.updates).toEqual([{ y_true: [[0, 1], [0, 0]], y_pred: [[1, 1], [0, 0]], sample_weight: null }]);
  });

  it('jsonToDoc drops prototype keys anywhere and reports them', () => {
    const { doc, errors } = jsonToDoc('{"config":{"__proto__":{"polluted":1},"gamma":3},"constructor":{"prototype":1}}');
    expect(doc.config).toEqual({ gamma: 3 });
    expect(Object.getPrototypeOf(doc.config)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(errors.map((e) => e.field).sort()).toEqual(['__proto__', 'constructor', 'prototype']);
  });

  it('jsonToDoc keeps valid fields when one is bad, and names unknown config keys', () => {
    const { doc, errors } = jsonToDoc('{"name":"Poisson","y_pred":"oops","config":{"colour":"red"}}');
    expect(doc.name).toBe('Poisson');
    expect(doc.y_pred).toEqual(defaultDoc().y_pred);
    expect(errors.map((e) => e.field)).toEqual(['config.colour', 'y_pred']);
  });

  it.each([
    ['not JSON', '{"name":'],
    ['a list', '[1,2]'],
    ['a number', '3'],
  ])('jsonToDoc of %s reports the file and returns the default document', (_, text) => {
    expect(jsonToDoc(text)).toEqual({ doc: defaultDoc(), errors: [{ field: 'file', message: expect.any(String) }] });
  });
});
