/** The header's lesson picker: choosing a lesson opens its first step (an undo step, like a preset). */
import { findLesson, LESSONS } from '../../lessons/index';
import { useStore } from '../../state/useStore';
import { SelectField } from '../common/SelectField';
import { openStep } from './LessonCard';

export function LessonPicker() {
  const current = useStore((s) => s.doc.view.lesson);
  return (
    <SelectField label="Lessons" value={findLesson(current) ? current : ''}
      onChange={(e) => { const lesson = findLesson(e.target.value); if (lesson) openStep(lesson, 0); }}>
      <option value="">{current ? '—' : 'Learn a concept…'}</option>
      {LESSONS.map((l) => <option key={l.id} value={l.id} title={l.summary}>{l.title}</option>)}
    </SelectField>
  );
}
