import { describe, expect, it } from 'vitest';
import { cellText, parseNonFinite } from '../../src/document/nonFiniteText';
import { parseCell } from '../../src/document/tensorFields';
import { toJsonText, toNumpy, toPythonLiteral, toDelimited } from '../../src/ui/inputs/exportText';
import { parseAssignments, parseBlock, parseTensorText } from '../../src/ui/inputs/pasteParse';

describe('NaN and infinities typed into a grid cell', () => {
  it.each([
    ['nan', NaN], ['NaN', NaN], [' NAN ', NaN], ['inf', Infinity], ['+inf', Infinity], ['Infinity', Infinity],
    ['-inf', -Infinity], ['-Infinity', -Infinity], ['-INF', -Infinity],
  ])('the cell parser reads %j as %s', (text, n) => {
    expect(parseCell(text)).toBe(n);
    expect(parseNonFinite(text)).toBe(n);
  });

  it.each(['na', 'in', 'infin', '-', 'nanx', '1e999x', 'none'])('keeps %j as a draft (not a number yet)', (text) => {
    expect(parseCell(text)).toBeNull();
  });

  it('still reads ordinary numbers, and never turns an overflowing literal into a number silently', () => {
    expect(parseCell('0.25')).toBe(0.25);
    expect(parseCell('-1e-3')).toBe(-0.001);
    expect(parseCell('1e999')).toBeNull();
  });

  it('shows a stored non-finite number as NumPy prints it', () => {
    expect([NaN, Infinity, -Infinity, 0.5].map(cellText)).toEqual(['nan', 'inf', '-inf', '0.5']);
  });
});

describe('NaN and infinities in pasted text', () => {
  it('reads NumPy and TensorFlow notebook output with nan and inf', () => {
    const r = parseTensorText('array([[0.1, nan, 0.9],\n       [inf, -inf, 0. ]], dtype=float32)');
    expect(r).toMatchObject({ ok: true, shape: [2, 3] });
    expect(r.ok && r.value).toEqual([[0.1, NaN, 0.9], [Infinity, -Infinity, 0]]);
    expect(parseTensorText('tf.Tensor([0.5 nan], shape=(2,), dtype=float32)')).toMatchObject({ ok: true, value: [0.5, NaN] });
  });

  it('reads Python spellings (np.nan, float("inf")) and JSON strings', () => {
    expect(parseTensorText('[np.nan, -np.inf, float("inf"), float(\'-inf\')]')).toMatchObject({ ok: true, value: [NaN, -Infinity, Infinity, -Infinity] });
    expect(parseTensorText('["NaN", "Infinity", "-Infinity", 1]')).toMatchObject({ ok: true, value: [NaN, Infinity, -Infinity, 1] });
  });

  it('reads spreadsheet blocks and notebook cells with nan', () => {
    expect(parseBlock('0.1\tnan\ninf\t0.2')).toEqual({ rows: [[0.1, NaN], [Infinity, 0.2]], format: 'tsv' });
    const cell = parseAssignments('y_true = [0, 1]\ny_pred = np.array([0.2, nan])', ['y_true', 'y_pred']);
    expect(cell.y_pred).toMatchObject({ ok: true, value: [0.2, NaN] });
  });

  it('copies them back in a form each format reads again', () => {
    const v = [[0.5, NaN], [Infinity, -Infinity]];
    expect(toPythonLiteral(v)).toBe('[[0.5, float("nan")], [float("inf"), float("-inf")]]');
    expect(toJsonText(v)).toBe('[[0.5,"NaN"],["Infinity","-Infinity"]]');
    expect(toDelimited(v, ',')).toBe('0.5,nan\ninf,-inf');
    for (const text of [toPythonLiteral(v), toJsonText(v), toDelimited(v, ',')!, toNumpy(v)]) {
      expect(parseTensorText(text)).toMatchObject({ ok: true, value: v });
    }
  });
});
