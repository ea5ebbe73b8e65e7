/** The loss picker: Keras loss classes, bare functions and metric classes, grouped. Switching keeps the example where it fits. */
import { useId } from 'react';
import { useStore } from '../../state/useStore';
import { LOSS_GROUPS, optionKey, parseOptionKey } from '../common/lossInfo';
import { switchLoss } from './switchLoss';

export function LossPicker() {
  const id = useId();
  const kind = useStore((s) => s.doc.kind);
  const name = useStore((s) => s.doc.name);
  const setDoc = useStore((s) => s.setDoc);
  return (
    <div className="field">
      <label className="field-label" htmlFor={id}>Loss</label>
      <select id={id}
        value={optionKey(kind, name)}
        onChange={(e) => {
          const k = parseOptionKey(e.target.value);
          if (k) setDoc((d) => switchLoss(d, k.kind, k.name));
        }}
      >
        {LOSS_GROUPS.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => <option key={o.key} value={o.key}>{o.kind === 'function' ? `${o.name}()` : o.name}</option>)}
          </optgroup>
        ))}
      </select>
    </div>
  );
}
