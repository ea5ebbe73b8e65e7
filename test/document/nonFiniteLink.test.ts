import { describe, expect, it } from 'vitest';
import { defaultDoc, type ExampleDoc } from '../../src/document/document';
import { loadPersisted, savePersisted } from '../../src/state/persist';
import { decode, encode } from '../../src/document/codec';
import { docProblems } from '../../src/document/fields';
import { docToJson, jsonToDoc } from '../../src/document/json';

const withNaN: ExampleDoc = {
  ...defaultDoc(),
  name: 'BinaryCrossentropy',
  y_true: [[0, 1], [1, 0]],
  y_pred: [[0.2, NaN], [Infinity, -Infinity]],
  sample_weight: [NaN, 1],
};

describe('NaN and ±Infinity in links and files', () => {
  it('a link writes them as the JSON strings "NaN", "Infinity", "-Infinity" and reads them back as numbers', () => {
    const text = encode(withNaN);
    expect(decodeURIComponent(text)).toContain('y_pred=[[0.2,"NaN"],["Infinity","-Infinity"]]');
    const { doc, errors } = decode(text);
    expect(errors).toEqual([]);
    expect(doc).toEqual(withNaN);
    expect(docProblems(doc)).toEqual([]);
  });

  it('a hand-written link with the strings (also in a metric update) opens', () => {
    const { doc, errors } = decode('v=1&kind=metric&name=BinaryCrossentropy&updates=[[[0,1],["NaN",0.5]]]');
    expect(errors).toEqual([]);
    expect(doc.updates[0].y_pred).toEqual([NaN, 0.5]);
  });

  it('other strings are still refused, by field', () => {
    const { errors } = decode('v=1&y_pred=[0.5,"nan"]');
    expect(errors).toEqual([{ field: 'y_pred', message: expect.stringMatching(/"NaN", "Infinity" and "-Infinity"/) }]);
  });

  it('a JSON file and the saved document keep them', () => {
    expect(jsonToDoc(docToJson(withNaN))).toEqual({ doc: withNaN, errors: [] });
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    savePersisted(storage, withNaN, {});
    expect(loadPersisted(storage)?.doc).toEqual(withNaN);
  });
});
