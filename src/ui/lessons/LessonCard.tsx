/**
 * The open lesson step, above the panels: where we are (lesson, step i of n), what the step says
 * with the engine's numbers for its example, what to try, buttons that show the parts it talks
 * about, and Back / Next. Moving between steps loads each step's example (an undo step) and keeps
 * a teacher's hidden panels, title and note.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { loadLessons } from '../../lessons/load';
import { lessonsNow, onLessonsLoaded } from '../../lessons/registry';
import { useStore } from '../../state/useStore';
import { copyText } from '../common/clipboard';
import { TAB_LABELS } from '../common/panels';
import { stepKey, useLessonNumbers } from './lessonStore';
import { LessonText } from './LessonText';
import { closeLesson, openStep } from './openLesson';
import { showTarget, viewTargets } from './showView';

export function LessonCard() {
  const doc = useStore((s) => s.doc);
  const lessons = useSyncExternalStore(onLessonsLoaded, lessonsNow);
  // The content is a chunk of its own: the card appears once it has arrived.
  useEffect(() => { if (!lessons && doc.view.lesson !== undefined) void loadLessons().catch(() => {}); }, [lessons, doc.view.lesson]);
  const open = lessons?.currentStep(doc);
  const outcomes = useLessonNumbers((s) => (s.key === stepKey(doc.view.lesson, doc.view.step) ? s.outcomes : null));
  const failed = useLessonNumbers((s) => s.error);
  const [msg, setMsg] = useState('');
  const key = stepKey(doc.view.lesson, doc.view.step);
  useEffect(() => setMsg(''), [key]);
  if (!lessons || !open) return null;
  const { valuesOf, stepDocs, isStepExample, lessonLink } = lessons;
  const { lesson, step, index } = open;
  const values = valuesOf(stepDocs(step), outcomes ?? {});
  const dtype = step.doc.dtype;
  const n = lesson.steps.length;
  const edited = !isStepExample(doc, lesson, index);
  const copyStepLink = async () => {
    const url = `${window.location.href.split('#')[0]}#${lessonLink(lesson, index, doc.view)}`;
    setMsg((await copyText(url)) ? 'Link to this step copied.' : `The clipboard is not available; the link is ${url}`);
  };
  return (
    <section className="lesson-card" aria-labelledby="lesson-title" data-testid="lesson-card" data-lesson={lesson.id} data-step={index + 1}
      aria-busy={!outcomes || Object.keys(outcomes).length === 0 || undefined}>
      <p className="lesson-where">
        <span className="lesson-name">Lesson: {lesson.title}</span>
        <span className="lesson-count" data-testid="lesson-count">step {index + 1} of {n}</span>
      </p>
      <h2 id="lesson-title">{step.title}</h2>
      <p className="lesson-text" data-testid="lesson-text"><LessonText template={step.text} values={values} dtype={dtype} /></p>
      <p className="lesson-try" data-testid="lesson-try"><strong>Try:</strong> <LessonText template={step.try} values={values} dtype={dtype} /></p>
      {failed && <p className="error-text">The lesson’s numbers could not be computed: {failed}</p>}
      {edited && (
        <p className="hint lesson-edited">
          You changed the example; the numbers above are for the step’s own example.{' '}
          <button type="button" className="link-btn" onClick={() => openStep(lesson, index)}>Back to the step’s example</button>
        </p>
      )}
      <div className="lesson-nav">
        <button type="button" className="btn" disabled={index === 0} onClick={() => openStep(lesson, index - 1)}>← Back</button>
        <button type="button" className="btn primary" disabled={index === n - 1} onClick={() => openStep(lesson, index + 1)}>Next →</button>
        {viewTargets(step.view, (t) => TAB_LABELS[t]).map(({ target, label }) => (
          <button key={label} type="button" className="btn small" onClick={() => setMsg(showTarget(target) ? '' : `Not on this page (hidden by the link): ${label}.`)}>
            Show {label}
          </button>
        ))}
        <button type="button" className="btn small" onClick={() => void copyStepLink()}>Copy link to this step</button>
        <button type="button" className="btn small" onClick={closeLesson}>Close lesson</button>
        <span role="status" className="hint">{msg}</span>
      </div>
    </section>
  );
}
