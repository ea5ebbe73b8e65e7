import { describe, expect, it } from 'vitest';
import { pasteBlockAt } from '../../src/ui/inputs/pasteBlock';
import { parseBlock } from '../../src/ui/inputs/pasteParse';

const grid = () => [[0, 0, 0], [0, 0, 0], [0, 0, 0]];

describe('pasting a spreadsheet block at a cell', () => {
  it('reads tab- or comma-separated rows as a block, and refuses bracketed literals', () => {
    expect(parseBlock('0.1\t0.2\n0.3\t0.4')).toEqual({ rows: [[0.1, 0.2], [0.3, 0.4]], format: 'tsv' });
    expect(parseBlock('1,2,3')).toEqual({ rows: [[1, 2, 3]], format: 'csv' });
    expect(parseBlock('[[1, 2]]')).toBeNull();
    expect(parseBlock('1\tx')).toBeNull();
  });

  it('writes the block with its top-left on the focused cell and keeps the rest', () => {
    expect(pasteBlockAt(grid(), [1, 1], [[5, 6], [7, 8]])).toEqual([[0, 0, 0], [0, 5, 6], [0, 7, 8]]);
    expect(pasteBlockAt(grid(), [0, 0], [[1, 2, 3]])).toEqual([[1, 2, 3], [0, 0, 0], [0, 0, 0]]);
  });

  it('does not fit: past the last row or column gives null (the caller replaces the tensor instead)', () => {
    expect(pasteBlockAt(grid(), [2, 1], [[5, 6], [7, 8]])).toBeNull();
    expect(pasteBlockAt(grid(), [0, 2], [[5, 6]])).toBeNull();
  });

  it('a rank-1 tensor takes one row or one column of values along its axis', () => {
    expect(pasteBlockAt([0, 0, 0, 0], [1], [[7], [8]])).toEqual([0, 7, 8, 0]);
    expect(pasteBlockAt([0, 0, 0, 0], [2], [[7, 8]])).toEqual([0, 0, 7, 8]);
    expect(pasteBlockAt([0, 0, 0, 0], [3], [[7, 8]])).toBeNull();
    expect(pasteBlockAt([0, 0, 0, 0], [0], [[1, 2], [3, 4]])).toBeNull();
  });

  it('rank 3 (CTC logits): the block stays inside the focused sample\'s [T, C] table', () => {
    const t = [[[0, 0], [0, 0]], [[0, 0], [0, 0]]];
    expect(pasteBlockAt(t, [1, 0, 0], [[1, 2], [3, 4]])).toEqual([[[0, 0], [0, 0]], [[1, 2], [3, 4]]]);
    expect(pasteBlockAt(t, [0, 1, 0], [[1, 2], [3, 4]])).toBeNull();
  });

  it('leaves the original tensor untouched', () => {
    const g = grid();
    pasteBlockAt(g, [0, 0], [[9]]);
    expect(g).toEqual(grid());
  });
});
