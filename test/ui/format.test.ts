import { describe, expect, it } from 'vitest';
import { cellName, formatList, formatNumber, fullValue, samePrinted } from '../../src/ui/common/format';

describe('formatNumber', () => {
  it('prints float32 like NumPy: the shortest digits that round-trip', () => {
    expect(formatNumber(1.1769392490386963, 'float32')).toBe('1.1769392');
    expect(formatNumber(0.051293306052684784, 'float32')).toBe('0.051293306');
    expect(formatNumber(0.8135988, 'float32')).toBe('0.8135988');
    expect(formatNumber(0.49999997, 'float32')).toBe('0.49999997');
    expect(formatNumber(0.1, 'float32')).toBe('0.1');
    expect(formatNumber(2, 'float32')).toBe('2');
    expect(formatNumber(-0.0526316, 'float32')).toBe('-0.0526316');
  });
  it('switches to scientific notation below 1e-4, with a two-digit exponent', () => {
    expect(formatNumber(4.370932e-4, 'float32')).toBe('0.0004370932');
    expect(formatNumber(0.000032058331271400675, 'float32')).toBe('3.205833e-05');
    expect(formatNumber(1e20, 'float64')).toBe('1e+20');
  });
  it('prints float64 with 12 significant digits', () => {
    expect(formatNumber(1.17693919369, 'float64')).toBe('1.17693919369');
    expect(formatNumber(1 / 3, 'float64')).toBe('0.333333333333');
    expect(formatNumber(100001.43, 'float64')).toBe('100001.43');
  });
  it('prints non-finite values the NumPy way', () => {
    expect(formatNumber(NaN)).toBe('nan');
    expect(formatNumber(Infinity)).toBe('inf');
    expect(formatNumber(-Infinity)).toBe('-inf');
    expect(formatNumber(0)).toBe('0');
  });
  it('fullValue shows the exact stored value', () => {
    expect(fullValue(1.1769392, 'float32')).toMatch(/^1\.17693924903869\d* \(exact float32 value\)$/);
    expect(fullValue(0.5, 'float64')).toBe('0.5 (float64)');
  });
  it('formatList elides long lists and cellName names cells', () => {
    expect(formatList([1, 2, 3])).toBe('[1, 2, 3]');
    expect(formatList(Array.from({ length: 20 }, (_, i) => i), 'float32', 4)).toBe('[0, 1, …, 18, 19]');
    expect(cellName('y_pred', [1, 2])).toBe('y_pred[1, 2]');
    expect(samePrinted(1.1769392, 1.17693925, 'float32')).toBe(true);
  });
});
