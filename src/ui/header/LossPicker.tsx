/** The loss picker: Keras loss classes, bare functions and metric classes, grouped. Switching keeps the example where it fits. */
import { useStore } from '../../state/useStore';
import { LOSS_GROUPS, optionKey, parseOptionKey } from '../common/lossInfo';
import { switchLoss } from './switchLoss';
import { SelectField } from '../common/SelectField';

export function LossPicker() {
  const kind = useStore((s) => s.doc.kind);
  const name = useStore((s) => s.doc.name);
  const setDoc = useStore((s) => s.setDoc);
  return (
    <SelectField label="Loss"
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
    </SelectField>
  );
}
