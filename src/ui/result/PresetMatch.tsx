/** When the document is an unmodified preset: the value the Keras docs print beside ours, with ✓ match / ✗ mismatch. */
import type { EngineResult } from '../../engine/types';
import { matchesDocumented, presetById, resultNumbers } from '../../presets';
import { useStore } from '../../state/useStore';

export function PresetMatch({ result }: { result: EngineResult }) {
  const id = useStore((s) => s.doc.view.preset);
  const semantics = useStore((s) => s.doc.semantics);
  const preset = id ? presetById(id) : undefined;
  if (!preset) return null;
  const ok = matchesDocumented(resultNumbers(result), preset.documented);
  const other = preset.documented.semantics && preset.documented.semantics !== semantics;
  return (
    <div className={`preset-match ${ok ? 'ok' : 'bad'}`} data-testid="preset-match">
      <span>Keras docs print <code>{preset.documented.text}</code></span>{' '}
      <strong aria-label={ok ? 'match' : 'mismatch'}>{ok ? '✓ match' : '✗ mismatch'}</strong>
      {!ok && other && <span className="hint"> (the docs show {preset.documented.semantics} numbers)</span>}
      {preset.note && <p className="preset-note">{preset.note}</p>}
    </div>
  );
}
