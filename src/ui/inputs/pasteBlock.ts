/**
 * Pasting a block of spreadsheet cells at the focused cell, as a spreadsheet does: the block's
 * top-left lands on that cell and overwrites what it covers. Pure.
 *
 * A table in the grid is the tensor's last two axes (one table per leading index for rank 3);
 * a rank-1 tensor takes a single row or column of values along its one axis.
 */
import type { Nested } from '../../engine/types';
import { getAt, setAt } from '../../document/nested';
import { shapeOf } from './tensorOps';

/** `tensor` with `rows` written from `at` on, or null when the block does not fit there. */
export function pasteBlockAt(tensor: Nested, at: readonly number[], rows: number[][]): Nested | null {
  const shape = shapeOf(tensor);
  if (at.length !== shape.length || shape.length === 0) return null;
  const h = rows.length;
  const w = rows[0]?.length ?? 0;
  if (!h || !w) return null;
  let out: Nested | undefined = tensor;
  if (shape.length === 1) {
    if (h !== 1 && w !== 1) return null;
    const values = rows.flat();
    if (at[0] + values.length > shape[0]) return null;
    values.forEach((v, k) => { out = out === undefined ? undefined : setAt(out, [at[0] + k], v); });
    return out ?? null;
  }
  const lead = at.slice(0, -2);
  const [r0, c0] = at.slice(-2);
  const [R, C] = shape.slice(-2);
  if (r0 + h > R || c0 + w > C) return null;
  for (let i = 0; i < h; i++) {
    const path = [...lead, r0 + i];
    const row = getAt(tensor, path) as number[];
    const next = row.slice();
    for (let j = 0; j < w; j++) next[c0 + j] = rows[i][j];
    out = out === undefined ? undefined : setAt(out, path, next);
  }
  return out ?? null;
}
