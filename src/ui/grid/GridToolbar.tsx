/** Row / column buttons for a tensor (batch-level: a sample is added to all three tensors), and the paste toggle. */
import type { Nested } from '../../engine/types';
import type { TensorField } from '../../document/document';
import { parseTensorField } from '../../document/tensorFields';
import { useStore } from '../../state/useStore';
import { editBatch } from '../inputs/batchEdit';
import { familyOf, fnIdOf } from '../common/lossInfo';
import { editAxis, type AxisOp } from '../inputs/resize';
import { shapeOf } from '../inputs/tensorOps';

interface Props {
  field: TensorField;
  value: Nested;
  pasteOpen: boolean;
  onToggle(): void;
  onRemove?: () => void;
}

export function GridToolbar({ field, value, pasteOpen, onToggle, onRemove }: Props) {
  const setDoc = useStore((s) => s.setDoc);
  const family = useStore((s) => familyOf(fnIdOf(s.doc.kind, s.doc.name)));
  const logits = useStore((s) => s.doc.config.from_logits === true);
  const name = parseTensorField(field)?.name;
  const rank = shapeOf(value).length;
  const op = (o: AxisOp) => () => family && setDoc(editBatch(field, (b) => editAxis(b, family, o, logits)));
  const buttons: [AxisOp, string, string][] = [];
  if (rank >= 1) buttons.push(['add-sample', '+ sample', 'Add a sample (to y_true, y_pred and sample_weight)'], ['remove-sample', '− sample', 'Remove the last sample']);
  if (name === 'y_pred' && rank >= 2) {
    buttons.push(['add-class', '+ class', 'Add a class (to y_pred, and to one-hot y_true)'], ['remove-class', '− class', 'Remove the last class']);
  }
  if (name === 'y_pred' && family === 'ctc' && rank === 3) buttons.push(['add-time', '+ time step', 'Add a time step'], ['remove-time', '− time step', 'Remove the last time step']);
  if (name === 'y_true' && family === 'ctc') buttons.push(['add-label', '+ label slot', 'Add a label position'], ['remove-label', '− label slot', 'Remove the last label position']);
  return (
    <div className="toolbar" role="toolbar" aria-label={`${field} tools`}>
      {buttons.map(([o, text, title]) => (
        <button type="button" key={o} className="btn small" onClick={op(o)} title={title} aria-label={`${title}: ${field}`}>{text}</button>
      ))}
      <button type="button" className="btn small" aria-expanded={pasteOpen} onClick={onToggle} aria-label={`Paste into ${field}`}>Paste…</button>
      {onRemove && <button type="button" className="btn small" onClick={onRemove}>Remove {name}</button>}
    </div>
  );
}
