/**
 * Which cells the loss ignores, so the grid can dim them (DESIGN.md): entries whose label equals
 * ignore_class, samples with zero weight, and CTC label padding (trailing zeros).
 */
import type { Nested } from '../../engine/types';
import type { ExampleDoc } from '../../document/document';
import { familyOf, fnIdOf } from '../common/lossInfo';
import { flatten, shapeOf } from '../inputs/tensorOps';
import { unravel } from '../../engine/tensor';

export interface Dims {
  /** Index prefixes of ignored samples (apply to y_true, y_pred and sample_weight). */
  prefixes: number[][];
  /** Exact y_true cells that are padding. */
  labelCells: Set<string>;
}

const positions = (v: Nested, test: (x: number) => boolean): number[][] => {
  const shape = shapeOf(v);
  return flatten(v).flatMap((x, i) => (test(x) ? [unravel(i, shape)] : []));
};

export function dimsOf(doc: Pick<ExampleDoc, 'kind' | 'name' | 'config'>, batch: { y_true: Nested; sample_weight: Nested | null }): Dims {
  const family = familyOf(fnIdOf(doc.kind, doc.name));
  const out: Dims = { prefixes: [], labelCells: new Set() };
  const ic = doc.config.ignore_class;
  if (family === 'sparse' && typeof ic === 'number') out.prefixes.push(...positions(batch.y_true, (x) => x === ic));
  if (batch.sample_weight !== null && shapeOf(batch.sample_weight).length >= 1) {
    const column = shapeOf(batch.sample_weight).length === 2 && shapeOf(batch.sample_weight)[1] === 1;
    out.prefixes.push(...positions(batch.sample_weight, (x) => x === 0).map((p) => (column ? p.slice(0, 1) : p)));
  }
  if (family === 'ctc') {
    for (const p of positions(batch.y_true, (x) => x === 0)) out.labelCells.add(p.join(':'));
  }
  return out;
}

export function isDimmed(d: Dims, name: string, path: readonly number[]): boolean {
  if (name === 'y_true' && d.labelCells.has(path.join(':'))) return true;
  return d.prefixes.some((pre) => pre.length <= path.length && pre.every((x, i) => x === path[i]));
}
