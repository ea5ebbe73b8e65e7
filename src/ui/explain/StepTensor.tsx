/**
 * One step's tensor as a small table of numbers. Entries link to the input cells they line up with
 * (hover or focus an entry: the grid highlights the cell and its sample), and the other way round.
 */
import type { DType, Step, Tensor } from '../../engine/types';
import { linkStore, useLink, type LinkField } from '../common/linking';
import { Num } from '../common/Num';
import { ravel } from '../common/marks';
import { unravel } from '../../engine/tensor';

const MAX = 16;

interface Props {
  tensor: Tensor;
  alignsWith?: Step['alignsWith'];
  dtype: DType;
  changed: number[];
  perSampleShape: number[];
  label: string;
}

export function StepTensor({ tensor, alignsWith, dtype, changed, perSampleShape, label }: Props) {
  const cell = useLink((s) => s.cell);
  const sample = useLink((s) => s.sample);
  const shape = tensor.shape;
  const cols = shape.length ? shape[shape.length - 1] : 1;
  const rows = shape.length >= 2 ? shape.slice(0, -1).reduce((a, b) => a * b, 1) : 1;
  const field: LinkField | null = alignsWith === 'y_pred' || alignsWith === 'y_true' || alignsWith === 'sample_weight' ? alignsWith : null;
  const changedSet = new Set(changed);
  const hoverSamplePath = sample !== null && perSampleShape.length ? unravel(sample, perSampleShape) : null;

  const linkOf = (i: number) => {
    const path = unravel(i, shape);
    if (alignsWith === 'per_sample') return { sample: i, source: 'explain' };
    if (field) {
      const s = path.length >= perSampleShape.length ? ravel(path.slice(0, perSampleShape.length), perSampleShape) : null;
      return { cell: { field, index: path }, sample: s, source: 'explain' };
    }
    return null;
  };
  const isHot = (i: number) => {
    const path = unravel(i, shape);
    if (alignsWith === 'per_sample') return sample === i;
    if (field && cell && cell.field === field && cell.index.length === path.length && cell.index.every((x, k) => x === path[k])) return true;
    return !!(field && hoverSamplePath && hoverSamplePath.every((x, k) => x === path[k]));
  };

  const shownRows = Math.min(rows, MAX);
  const shownCols = Math.min(cols, MAX);
  // Small tables are walkable from the keyboard; large ones would flood the tab order (hover still links).
  const focusable = shownRows * shownCols <= 32;
  return (
    <table className="step-tensor numbers" aria-label={label}>
      <tbody>
        {Array.from({ length: shownRows }, (_, r) => (
          <tr key={r}>
            {shape.length >= 2 && <th scope="row">{unravel(r * cols, shape).slice(0, -1).join(', ')}</th>}
            {Array.from({ length: shownCols }, (_, c) => {
              const i = r * cols + c;
              const link = linkOf(i);
              const cls = `${changedSet.has(i) ? 'changed' : ''} ${isHot(i) ? 'is-hovered' : ''}`;
              return (
                <td key={c} className={cls} tabIndex={link && focusable ? 0 : undefined}
                  onMouseEnter={link ? () => linkStore.getState().setHover(link) : undefined}
                  onMouseLeave={link ? () => linkStore.getState().clear('explain') : undefined}
                  onFocus={link ? () => linkStore.getState().setHover(link) : undefined}
                  onBlur={link ? () => linkStore.getState().clear('explain') : undefined}
                  aria-label={changedSet.has(i) ? 'clipped' : undefined}>
                  <Num value={tensor.data[i]} dtype={dtype} />
                </td>
              );
            })}
            {shownCols < cols && <td>…</td>}
          </tr>
        ))}
        {shownRows < rows && <tr><td colSpan={shownCols + 1}>… {rows - shownRows} more rows</td></tr>}
      </tbody>
    </table>
  );
}
