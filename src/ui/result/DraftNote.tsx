/**
 * While a cell holds text that is not a number, the document (and so every number on screen) keeps
 * that cell's last valid value: the result panel says so, and names the cells.
 */
import { useStore } from '../../state/useStore';
import { cellName } from '../common/format';
import { Icon } from '../common/Icon';

/** `y_pred:1:2` → `y_pred[1, 2]`. */
export function draftCell(key: string): string {
  const [field, ...path] = key.split(':');
  return cellName(field, path.map(Number));
}

export function DraftNote() {
  const drafts = useStore((s) => s.drafts);
  const keys = Object.keys(drafts);
  if (!keys.length) return null;
  const named = keys.slice(0, 3).map((k) => `${draftCell(k)} (“${drafts[k].slice(0, 20)}”)`).join(', ');
  return (
    <p className="stale-note" role="status" data-testid="result.drafts">
      <Icon kind="warn" /> Showing the result for the last valid input: {named}{keys.length > 3 ? ` and ${keys.length - 3} more` : ''}
      {keys.length > 1 ? ' are not numbers' : ' is not a number'} yet, so {keys.length > 1 ? 'those cells keep' : 'that cell keeps'} its last valid value.
    </p>
  );
}
