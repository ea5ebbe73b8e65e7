/**
 * Links keep their meaning. linksBefore14.json holds links written by the encoder before links
 * could leave out a loss's example or stand for a preset (commit d9fef24), with the documents they
 * were written from: every preset, every loss picked over the first example, and random documents.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/index';
import { decode } from '../../src/document/codec';
import { loadCompression } from '../../src/document/compress';
import { defaultDoc, type ExampleDoc } from '../../src/document/document';
import { deepEqual } from '../../src/document/nested';
import { tensorsFor } from '../../src/document/examples';
import { jsonToDoc } from '../../src/document/json';
import { docToRequest } from '../../src/document/request';
import { presetDoc } from '../../src/presets';

const rows = (JSON.parse(readFileSync(new URL('./fixtures/linksBefore14.json', import.meta.url), 'utf8')) as { link: string; doc: unknown }[])
  .map(({ link, doc }) => ({ link, doc: jsonToDoc(JSON.stringify(doc)).doc }));

function computes(doc: ExampleDoc): boolean {
  try {
    const { req, opts } = docToRequest(doc);
    evaluate(req, opts);
    return true;
  } catch {
    return false;
  }
}

describe('links written before issue 14', () => {
  beforeAll(() => loadCompression()); // the page loads the deflate library before reading a z= link
  it('the corpus holds every kind of link: presets, plain, counted and compressed', () => {
    expect(rows.length).toBeGreaterThan(140);
    expect(rows.some((r) => r.link.includes('&z='))).toBe(true);
    expect(rows.some((r) => r.link.includes('&n='))).toBe(true);
    expect(rows.filter((r) => r.doc.view.preset !== null).length).toBeGreaterThanOrEqual(39);
  });

  it.each(rows.filter((r) => computes(r.doc)).map((r) => [r.link.slice(0, 90), r] as const))(
    '%s opens the same document', (_, { link, doc }) => {
      expect(decode(link, presetDoc)).toEqual({ doc, errors: [] });
    });

  it('of the links to documents Keras rejects, only those naming a loss over the first example\'s data change: they open that loss\'s example', () => {
    const rejected = rows.filter((r) => !computes(r.doc));
    const changed = rejected.filter((r) => !deepEqual(decode(r.link, presetDoc).doc, r.doc));
    expect(changed.length).toBeGreaterThan(0);
    for (const { link, doc } of changed) {
      expect([doc.y_true, doc.y_pred]).toEqual([defaultDoc().y_true, defaultDoc().y_pred]);
      const example = tensorsFor(defaultDoc(), doc.kind, doc.name);
      // What the link set stays; the data it left out (the first example's) becomes the named loss's.
      const want = doc.kind === 'metric' ? { ...doc, updates: example.updates } : { ...doc, y_true: example.y_true, y_pred: example.y_pred };
      expect(decode(link, presetDoc).doc).toEqual(want);
      expect(computes({ ...defaultDoc(), kind: doc.kind, name: doc.name, ...example }), link).toBe(true);
    }
  });
});
