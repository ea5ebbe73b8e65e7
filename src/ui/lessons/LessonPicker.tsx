/** The header's lesson picker: choosing a lesson opens its first step (an undo step, like a preset). */
import { LESSON_INDEX, lessonEntry } from '../../lessons/catalog';
import { useStore } from '../../state/useStore';
import { SelectField } from '../common/SelectField';
import { openLesson } from './openLesson';

export function LessonPicker() {
  const current = useStore((s) => s.doc.view.lesson);
  return (
    <SelectField label="Lessons" value={lessonEntry(current) ? current : ''}
      onChange={(e) => { if (lessonEntry(e.target.value)) void openLesson(e.target.value, 0).catch(() => {}); }}>
      <option value="">{current ? '—' : 'Learn a concept…'}</option>
      {LESSON_INDEX.map((l) => <option key={l.id} value={l.id} title={l.summary}>{l.title}</option>)}
    </SelectField>
  );
}
