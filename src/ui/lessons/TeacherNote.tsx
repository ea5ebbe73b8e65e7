/**
 * A teacher's title and note from the link (`title=`, `note=`), above the panels, with a way back
 * to the whole playground when the link hid parts of it.
 */
import { useStore } from '../../state/useStore';

export function TeacherNote() {
  const title = useStore((s) => s.doc.view.title);
  const note = useStore((s) => s.doc.view.note);
  const hidden = useStore((s) => s.doc.view.hide.length);
  const setView = useStore((s) => s.setView);
  if (title === undefined && note === undefined) return null;
  return (
    <section className="teacher-note" aria-label={title ?? 'Note'} data-testid="teacher-note">
      {title !== undefined && <h2 data-testid="teacher-note.title">{title}</h2>}
      {note !== undefined && <p data-testid="teacher-note.text">{note}</p>}
      <button type="button" className="btn small" onClick={() => setView({ title: undefined, note: undefined, hide: [] })}>
        {hidden ? 'Show the whole playground' : 'Dismiss'}
      </button>
    </section>
  );
}
