/** Undo / Redo buttons (the shortcuts live in useShortcuts). */
import { selectCanRedo, selectCanUndo } from '../../state/selectors';
import { useStore } from '../../state/useStore';

const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function UndoRedo() {
  const canUndo = useStore(selectCanUndo);
  const canRedo = useStore(selectCanRedo);
  const undo = useStore((s) => s.undo);
  const redo = useStore((s) => s.redo);
  return (
    <span className="undo-redo" role="group" aria-label="History">
      <button type="button" className="btn" onClick={undo} disabled={!canUndo} title={mac ? '⌘Z' : 'Ctrl+Z'} aria-keyshortcuts={mac ? 'Meta+Z' : 'Control+Z'}>Undo</button>
      <button type="button" className="btn" onClick={redo} disabled={!canRedo} title={mac ? '⇧⌘Z' : 'Ctrl+Y or Shift+Ctrl+Z'} aria-keyshortcuts={mac ? 'Shift+Meta+Z' : 'Control+Y'}>Redo</button>
    </span>
  );
}
