/** Presets: the examples printed in the Keras docs. Picking one loads it (an undo step); the result shows the documented value beside ours. */
import { PRESETS } from '../../presets';
import { useStore } from '../../state/useStore';
import { SelectField } from '../common/SelectField';

const GROUPS: { label: string; test(id: string): boolean }[] = [
  { label: 'Loss classes (Keras 3 docs)', test: (id) => /^(bce|bfce|cce|cfce|scce)-/.test(id) },
  { label: 'Functions', test: (id) => id.startsWith('fn-') },
  { label: 'Metrics', test: (id) => id.startsWith('m-') },
  { label: 'tf.keras 2 docs', test: (id) => id.startsWith('tf2-') },
];

export function PresetPicker() {
  const preset = useStore((s) => s.doc.view.preset);
  const loadDoc = useStore((s) => s.loadDoc);
  // The Keras backend is the user's environment, not part of the documented example: keep it.
  const kerasBackend = useStore((s) => s.doc.kerasBackend);
  const grouped = GROUPS.map((g) => ({ ...g, items: PRESETS.filter((p) => g.test(p.id)) }));
  const rest = PRESETS.filter((p) => !GROUPS.some((g) => g.test(p.id)));
  return (
    <SelectField label="Presets"
      value={preset ?? ''}
      onChange={(e) => {
        const p = PRESETS.find((x) => x.id === e.target.value);
        if (p) loadDoc({ ...structuredClone(p.doc), kerasBackend });
      }}
    >
      <option value="">{preset ? '—' : 'Documented examples…'}</option>
      {grouped.map((g) => (
        <optgroup key={g.label} label={g.label}>
          {g.items.map((p) => <option key={p.id} value={p.id}>{p.title}</option>)}
        </optgroup>
      ))}
      {rest.map((p) => <option key={p.id} value={p.id}>{p.title}</option>)}
    </SelectField>
  );
}
