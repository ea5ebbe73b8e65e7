import { describe, expect, it } from 'vitest';
import { defaultDoc, type ExampleDoc } from '../../src/document/document';
import { decode, encode } from '../../src/document/codec';
import { docToJson, jsonToDoc } from '../../src/document/json';

const doc = (patch: Partial<ExampleDoc> = {}): ExampleDoc => ({ ...defaultDoc(), ...patch });

describe('the Keras backend in links and files', () => {
  it('a link leaves out the default backend (tensorflow), so existing links stay short', () => {
    expect(encode(doc({ kerasBackend: 'tensorflow' }))).toBe('v=1');
  });

  it('a link writes backend=jax and reopens on JAX', () => {
    const text = encode(doc({ kerasBackend: 'jax' }));
    expect(text).toBe('v=1&backend=jax');
    expect(decode(text)).toEqual({ doc: doc({ kerasBackend: 'jax' }), errors: [] });
  });

  it.each(['torch', 'numpy'] as const)('round-trips backend=%s, also inside a compressed link', (b) => {
    const long = doc({ kerasBackend: b, y_true: Array.from({ length: 60 }, (_, i) => i % 3) });
    const text = encode(long);
    expect(decode(text).doc.kerasBackend).toBe(b);
    expect(decode(text).errors).toEqual([]);
  });

  it('an old link without backend opens on TensorFlow', () => {
    expect(decode('v=1&name=BinaryCrossentropy&y_true=[0,1]&y_pred=[0.4,0.6]').doc.kerasBackend).toBe('tensorflow');
  });

  it('an unknown backend is reported by field and read as TensorFlow', () => {
    const { doc: d, errors } = decode('v=1&backend=theano');
    expect(d.kerasBackend).toBe('tensorflow');
    expect(errors).toHaveLength(1);
    expect(errors[0].field).toBe('kerasBackend');
  });

  it('a JSON file keeps the backend; a conformance case names it keras_backend', () => {
    expect(jsonToDoc(docToJson(doc({ kerasBackend: 'torch' }))).doc.kerasBackend).toBe('torch');
    const line = JSON.stringify({ kind: 'loss', name: 'BinaryCrossentropy', keras_backend: 'numpy', y_true: [0, 1], y_pred: [0.3, 0.6] });
    expect(jsonToDoc(line).doc.kerasBackend).toBe('numpy');
  });
});
