import { describe, expect, it } from 'vitest';
import { exportTensor, toNumpy, toPythonLiteral } from '../../src/ui/inputs/exportText';
import { isMultiValue, parseAssignments, parseTensorText } from '../../src/ui/inputs/pasteParse';

const ok = (text: string) => {
  const r = parseTensorText(text);
  if (!r.ok) throw new Error(r.error);
  return r;
};

describe('parseTensorText', () => {
  it('reads a Python list literal', () => {
    const r = ok('[[0.05, 0.95, 0], [0.1, 0.8, 0.1]]');
    expect(r.value).toEqual([[0.05, 0.95, 0], [0.1, 0.8, 0.1]]);
    expect(r.shape).toEqual([2, 3]);
  });
  it('reads np.array(...) with a dtype and calls it numpy', () => {
    const r = ok('np.array([[0.05, 0.95, 0.], [0.1, 0.8, 0.1]], dtype=np.float32)');
    expect(r.value).toEqual([[0.05, 0.95, 0], [0.1, 0.8, 0.1]]);
    expect(r.format).toBe('numpy');
  });
  it("reads NumPy's printed form without commas", () => {
    expect(ok('[[0.05 0.95 0.  ]\n [0.1  0.8  0.1 ]]').value).toEqual([[0.05, 0.95, 0], [0.1, 0.8, 0.1]]);
    expect(ok('array([1., 2.], dtype=float32)').value).toEqual([1, 2]);
  });
  it('reads printed TensorFlow and torch tensors', () => {
    expect(ok('tf.Tensor([0.23515666 1.4957594 ], shape=(2,), dtype=float32)').value).toEqual([0.23515666, 1.4957594]);
    expect(ok('<tf.Tensor: shape=(2, 2), dtype=float32, numpy=\narray([[0., 1.],\n       [0., 0.]], dtype=float32)>').value)
      .toEqual([[0, 1], [0, 0]]);
    expect(ok('tensor([[1, 2], [3, 4]])').value).toEqual([[1, 2], [3, 4]]);
  });
  it('reads JSON and says so', () => {
    const r = ok('[[1,2],[3,4]]');
    expect(r.format).toBe('json');
  });
  it('reads CSV and TSV from a spreadsheet, dropping a header row', () => {
    expect(ok('0.05,0.95,0\n0.1,0.8,0.1\n').value).toEqual([[0.05, 0.95, 0], [0.1, 0.8, 0.1]]);
    const tsv = ok('a\tb\n1\t2\n3\t4');
    expect(tsv.value).toEqual([[1, 2], [3, 4]]);
    expect(tsv.format).toBe('tsv');
  });
  it('turns one row or one column into a 1-D tensor', () => {
    expect(ok('1\n2\n0').value).toEqual([1, 2, 0]);
    expect(ok('0.3, 0.7').value).toEqual([0.3, 0.7]);
  });
  it('reads True/False as 1/0', () => {
    expect(ok('[True, False]').value).toEqual([1, 0]);
  });
  it('reports ragged rows, junk and truncation by place', () => {
    expect(parseTensorText('[[1, 2], [3]]')).toMatchObject({ ok: false, error: expect.stringMatching(/differ/) });
    expect(parseTensorText('[[1, 2], [3, x]]')).toMatchObject({ ok: false, error: expect.stringMatching(/unexpected "x/) });
    expect(parseTensorText('[1, 2, ..., 9]')).toMatchObject({ ok: false, error: expect.stringMatching(/summarised/) });
    expect(parseTensorText('[[1, 2]')).toMatchObject({ ok: false, error: expect.stringMatching(/missing/) });
    expect(parseTensorText('1,2\n3')).toMatchObject({ ok: false, error: expect.stringMatching(/row 2/) });
    expect(parseTensorText('')).toMatchObject({ ok: false });
  });
  it('isMultiValue tells a block from one number', () => {
    expect(isMultiValue('0.5')).toBe(false);
    expect(isMultiValue('-1e-3')).toBe(false);
    expect(isMultiValue('[1, 2]')).toBe(true);
    expect(isMultiValue('1\t2')).toBe(true);
  });
  it('parseAssignments reads several tensors from a notebook cell', () => {
    const r = parseAssignments('y_true = np.array([1, 2])\ny_pred = [[0.1, 0.9],\n  [0.8, 0.2]]\n', ['y_true', 'y_pred', 'sample_weight']);
    expect(r.y_true).toMatchObject({ ok: true, value: [1, 2] });
    expect(r.y_pred).toMatchObject({ ok: true, value: [[0.1, 0.9], [0.8, 0.2]] });
    expect(r.sample_weight).toBeUndefined();
  });
});

describe('export formats', () => {
  const P = [[0.05, 0.95, 0], [0.1, 0.8, 0.1]];
  it('writes Python, NumPy, JSON, CSV and TSV', () => {
    expect(toPythonLiteral(P)).toBe('[[0.05, 0.95, 0], [0.1, 0.8, 0.1]]');
    expect(toNumpy([1, 2], 'float64')).toBe('np.array([1, 2], dtype="float64")');
    expect(exportTensor(P, 'json')).toBe('[[0.05,0.95,0],[0.1,0.8,0.1]]');
    expect(exportTensor(P, 'csv')).toBe('0.05,0.95,0\n0.1,0.8,0.1');
    expect(exportTensor([1, 2], 'tsv')).toBe('1\n2');
    expect(exportTensor([[[1]]], 'csv')).toBeNull();
  });
  it('every export format reads back to the same tensor', () => {
    for (const t of [P, [1, 2], [[1e-7, -3.5]], [[0.5], [0.25]]]) {
      for (const f of ['python', 'numpy', 'json', 'csv', 'tsv'] as const) {
        const text = exportTensor(t, f)!;
        const back = parseTensorText(text);
        const expected = f === 'csv' || f === 'tsv' ? (t.length === 1 ? t[0] : (t as number[][]).every((r) => Array.isArray(r) && r.length === 1) ? (t as number[][]).map((r) => r[0]) : t) : t;
        expect(back).toMatchObject({ ok: true, value: expected });
      }
    }
  });
});
