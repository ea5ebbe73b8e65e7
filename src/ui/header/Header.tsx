/** The header: product name, loss / preset / lesson / semantics / Keras backend / dtype pickers, kernels, sharing, code export, history, theme. */
import { BackendIndicator, DtypePicker, KerasBackendPicker, SemanticsPicker } from './ModePickers';
import { LossPicker } from './LossPicker';
import { PresetPicker } from './PresetPicker';
import { LessonPicker } from '../lessons/LessonPicker';
import { ShareMenu } from './ShareMenu';
import { ThemeToggle } from './ThemeToggle';
import { UndoRedo } from './UndoRedo';

export function Header({ codeOpen, onToggleCode }: { codeOpen: boolean; onToggleCode(): void }) {
  return (
    <header className="app-header">
      <div className="brand">
        <h1>Loss Playground</h1>
        <p className="tagline">See exactly what a Keras loss computes, and why.</p>
      </div>
      <div className="controls">
        <LossPicker />
        <PresetPicker />
        <LessonPicker />
        <SemanticsPicker />
        <KerasBackendPicker />
        <DtypePicker />
        <BackendIndicator />
      </div>
      <div className="actions">
        <ShareMenu />
        <button type="button" className="btn" aria-expanded={codeOpen} aria-controls="code-export" onClick={onToggleCode}>Export code</button>
        <UndoRedo />
        <ThemeToggle />
      </div>
    </header>
  );
}
