/**
 * The highlight classes of one tensor's cells, from every source that marks cells: hover linking
 * (a cell or a whole sample), a pitfall's cells, the cell an engine error names, the selected
 * y_pred cell, ignored (dimmed) samples and invalid drafts.
 */
import { useCallback, useMemo } from 'react';
import type { Nested } from '../../engine/types';
import type { TensorField } from '../../document/document';
import { parseTensorField } from '../../document/tensorFields';
import { selectFreshError } from '../../state/selectors';
import { useStore } from '../../state/useStore';
import { useLink } from '../common/linking';
import { ravel, useMarks } from '../common/marks';
import { unravel } from '../../engine/tensor';
import { dimsOf, isDimmed } from './dims';

const startsWith = (path: readonly number[], pre: readonly number[]) => pre.every((x, i) => i >= path.length || x === path[i]);
const samePath = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

export function useCellClasses(field: TensorField, batch: { y_true: Nested; y_pred: Nested; sample_weight: Nested | null },
  drafts: Record<string, string>, perSampleShape: number[]) {
  const name = parseTensorField(field)?.name ?? 'y_pred';
  const topLevel = field === name;
  const doc = useStore((s) => s.doc);
  const selected = useStore((s) => (name === 'y_pred' && topLevel ? s.doc.view.selected : null));
  const error = useStore(selectFreshError);
  const hoverCell = useLink((s) => s.cell);
  const hoverSample = useLink((s) => s.sample);
  const marks = useMarks((s) => s.cells);
  const tone = useMarks((s) => s.tone);
  // Narrow dependencies keep the returned function the same across y_pred edits, so grid rows
  // whose cells did not change can skip their render.
  const { y_true: labels, sample_weight: weights } = batch;
  const { kind, name: lossName, config } = doc;
  const dims = useMemo(() => dimsOf({ kind, name: lossName, config }, { y_true: labels, sample_weight: weights }),
    [kind, lossName, config, labels, weights]);
  const samplePrefix = useMemo(
    () => (topLevel && hoverSample !== null && perSampleShape.length ? unravel(hoverSample, perSampleShape) : null),
    [topLevel, hoverSample, perSampleShape],
  );
  const myMarks = useMemo(() => new Set(marks.filter((c) => c.field === field).map((c) => c.index.join(':'))), [marks, field]);
  const errorHere = error && (error.field === field || error.field === name && topLevel) ? error : null;

  return useCallback((path: number[], key: string): string => {
    const cls = ['cell'];
    if (topLevel && hoverCell && hoverCell.field === name && samePath(hoverCell.index, path)) cls.push('is-hovered');
    if (samplePrefix && startsWith(path, samplePrefix)) cls.push('in-sample');
    if (myMarks.has(key)) cls.push(`mark-${tone}`);
    if (errorHere && (!errorHere.index || samePath(errorHere.index, path) || startsWith(path, errorHere.index) && errorHere.index.length < path.length)) cls.push('is-error');
    if (selected && samePath(selected, path)) cls.push('is-selected');
    if (isDimmed(dims, name, path)) cls.push('is-dimmed');
    if (drafts[key] !== undefined) cls.push('is-invalid');
    return cls.join(' ');
  }, [topLevel, hoverCell, name, samplePrefix, myMarks, tone, errorHere, selected, dims, drafts]);
}

/** The per-sample flat index a cell belongs to (for hover linking), or null. */
export function sampleOf(path: readonly number[], perSampleShape: readonly number[]): number | null {
  if (!perSampleShape.length || path.length < perSampleShape.length) return null;
  return ravel(path.slice(0, perSampleShape.length), perSampleShape);
}
