/**
 * One tensor's editor: title and shape, a toolbar (rows, columns, paste, copy as), the grid, and
 * in-place validation (each invalid cell with its reason; the rest of the grid keeps working).
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { Nested } from '../../engine/types';
import { draftKey, type TensorField } from '../../document/document';
import { parseTensorField } from '../../document/tensorFields';
import { appStore, useStore } from '../../state/useStore';
import { linkStore, type LinkField } from '../common/linking';
import { sampleColour } from '../common/palette';
import { pasteBlockAt } from '../inputs/pasteBlock';
import { isMultiValue, parseBlock, parseTensorText } from '../inputs/pasteParse';
import { shapeOf } from '../inputs/tensorOps';
import { CopyAs } from './CopyAs';
import { GridToolbar } from './GridToolbar';
import { PastePanel } from './PastePanel';
import { TensorGrid } from './TensorGrid';
import { sampleOf, useCellClasses } from './useCellClasses';
import { useNearScreen } from './useNearScreen';
import { countNumbers } from '../../document/docSize';
import type { Orientation } from './layout';

export interface TensorEditorProps {
  field: TensorField;
  value: Nested;
  batch: { y_true: Nested; y_pred: Nested; sample_weight: Nested | null };
  meaning: string;
  orientation: Orientation;
  perSampleShape: number[];
  colNoun: string;
  /** Extra controls under the title (helpers). */
  children?: React.ReactNode;
  onRemove?: () => void;
}

const idOf = (field: string) => field.replace(/\./g, '-');
/**
 * A metric's update batches with more numbers than this draw their editors only near the screen
 * (a metric may have 64 updates: drawing every editor made opening one take seconds).
 */
const LAZY_BATCH_NUMBERS = 200;
/** Height an editor not yet drawn reserves per row it will show (grid rows, toolbar, copy-as). */
const ROW_PX = 30;

export function TensorEditor(p: TensorEditorProps) {
  const { field } = p;
  const allDrafts = useStore((s) => s.drafts);
  const dtype = useStore((s) => s.doc.dtype);
  const [status, setStatus] = useState('');
  const [pasteOpen, setPasteOpen] = useState(false);
  const drafts = useMemo(() => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(allDrafts)) if (k.startsWith(`${field}:`) || k === field) out[k.slice(field.length + 1)] = v;
    return out;
  }, [allDrafts, field]);
  const cellClass = useCellClasses(field, p.batch, drafts, p.perSampleShape);
  const shape = shapeOf(p.value);
  const id = idOf(field);
  const name = parseTensorField(field)?.name ?? field;
  const topLevel = name === field;
  const section = useRef<HTMLElement>(null);
  const lazy = !topLevel && countNumbers(p.batch.y_true) + countNumbers(p.batch.y_pred) + countNumbers(p.batch.sample_weight) > LAZY_BATCH_NUMBERS;
  const [near, show] = useNearScreen(section, lazy);

  const onText = useCallback((path: number[], text: string) => {
    appStore.getState().setCell(field, path, text, { coalesceKey: `cell:${draftKey(field, path)}` });
  }, [field]);
  const onRevert = useCallback((path: number[]) => appStore.getState().clearDraft(draftKey(field, path)), [field]);
  const replace = useCallback((text: string): boolean => {
    const r = parseTensorText(text);
    if (!r.ok) {
      setStatus(`Could not paste into ${field}: ${r.error}.`);
      return false;
    }
    appStore.getState().setTensor(field, r.value);
    setStatus(`Pasted a ${r.format === 'numpy' ? 'NumPy' : r.format.toUpperCase()} ${r.shape.join(' × ')} tensor into ${field}.`);
    return true;
  }, [field]);
  const { value } = p;
  const onPasteText = useCallback((text: string, path: number[]) => {
    if (!isMultiValue(text)) return false;
    // Spreadsheet cells land with their top-left on the focused cell when they fit there. A
    // literal, or a block pasted at the first cell that is bigger than the tensor, replaces the
    // tensor (new data); a block that does not fit from another cell changes nothing.
    const block = parseBlock(text);
    const filled = block && pasteBlockAt(value, path, block.rows);
    const origin = path.every((i) => i === 0);
    if (block && !filled && !origin) {
      const shape = shapeOf(value);
      setStatus(`A ${block.rows.length} × ${block.rows[0].length} block does not fit at ${field}[${path.join(', ')}] (shape [${shape.join(', ')}]); `
        + 'paste it at an earlier cell, or at the first cell to replace the tensor.');
      return true;
    }
    if (block && filled) {
      const [h, w] = [block.rows.length, block.rows[0].length];
      appStore.getState().setTensor(field, filled);
      const whole = origin && shapeOf(value).reduce((a, b) => a * b, 1) === h * w;
      setStatus(whole ? `Pasted a ${block.format.toUpperCase()} ${h} × ${w} tensor into ${field}.`
        : `Pasted a ${block.format.toUpperCase()} ${h} × ${w} block into ${field} at [${path.join(', ')}].`);
      return true;
    }
    replace(text);
    return true;
  }, [replace, value, field]);
  const onFocusCell = useCallback((path: number[]) => {
    if (field === 'y_pred' && path.length === 2) appStore.getState().setView({ selected: [path[0], path[1]] });
    if (topLevel) linkStore.getState().setHover({ cell: { field: name as LinkField, index: path }, sample: sampleOf(path, p.perSampleShape), source: 'grid' });
  }, [field, topLevel, name, p.perSampleShape]);
  const onHover = useCallback((path: number[] | null) => {
    if (!topLevel) return;
    if (path) linkStore.getState().setHover({ cell: { field: name as LinkField, index: path }, sample: sampleOf(path, p.perSampleShape), source: 'grid' });
    else linkStore.getState().clear('grid');
  }, [topLevel, name, p.perSampleShape]);

  const rowColour = useCallback((first: number[]) => {
    if (!topLevel) return undefined;
    const sample = sampleOf(first, p.perSampleShape);
    return sample === null ? undefined : sampleColour(sample);
  }, [topLevel, p.perSampleShape]);

  const invalid = Object.entries(drafts);
  const describedBy = useCallback((key: string) => (drafts[key] !== undefined ? `${id}-err-${key.replace(/:/g, '-')}` : undefined), [drafts, id]);
  const rowLabel = useCallback((prefix: number[], r: number) => (prefix.length ? `t${r}` : p.orientation === 'row' && shape.length === 1 ? '' : `${r}`), [p.orientation, shape.length]);
  const colLabel = useCallback((prefix: number[], c: number) => (p.orientation === 'column' && shape.length === 1 ? (name === 'sample_weight' ? 'w' : 'label') : `${p.colNoun}${c}`), [p.orientation, shape.length, name, p.colNoun]);

  return (
    <section className="tensor-editor" aria-labelledby={`${id}-title`} data-testid={`editor.${field}`} ref={section}>
      <header className="editor-head">
        <h3 id={`${id}-title`}><code>{name}</code> <span className="meaning">{p.meaning}</span></h3>
        <span className="shape" aria-label={`shape ${shape.join(' by ')}`}>[{shape.join(', ')}]</span>
      </header>
      {!near && (
        <div className="grid-offscreen" style={{ height: ROW_PX * (Math.min(50, shape[0] ?? 1) + 4) }}>
          <button type="button" className="btn small" onClick={show}>Show {field}</button>
        </div>
      )}
      {near && <>
      <GridToolbar field={field} value={p.value} onToggle={() => setPasteOpen((o) => !o)} pasteOpen={pasteOpen} onRemove={p.onRemove} />
      {pasteOpen && <PastePanel field={field} onApply={(t) => { if (replace(t)) setPasteOpen(false); }} />}
      <TensorGrid
        name={field} value={p.value} orientation={p.orientation} drafts={drafts} cellClass={cellClass} describedBy={describedBy}
        rowLabel={rowLabel} colLabel={colLabel} sliceLabel={(pre) => `sample ${pre.join(', ')}`} rowColour={rowColour}
        onText={onText} onRevert={onRevert} onPasteText={onPasteText} onFocusCell={onFocusCell} onHover={onHover} holdOffScreen={!lazy}
      />
      {invalid.length > 0 && (
        <ul className="cell-errors" aria-label={`Invalid cells in ${field}`}>
          {invalid.map(([k, text]) => (
            <li key={k} id={`${id}-err-${k.replace(/:/g, '-')}`}>
              <code>{field}[{k.split(':').join(', ')}]</code>: “{text}” is not a number; the loss keeps using the last valid value. Esc reverts.
            </li>
          ))}
        </ul>
      )}
      <CopyAs value={p.value} dtype={dtype} field={field} />
      {p.children}
      <p className="editor-status" role="status">{status}</p>
      </>}
    </section>
  );
}
