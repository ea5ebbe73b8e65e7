/**
 * Share as a lesson: a modal <dialog> where a teacher picks the panels and parameters to hide, the
 * chart tab and cell to open, a title and a short note, and gets the link (and an <iframe> snippet
 * for embedding one chart or the result card). Focus moves into the dialog, Escape closes it, and
 * focus returns to the button that opened it.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { CHART_TABS, EMBED_VIEWS, PAGE_PARTS, type ChartTab, type EmbedView } from '../../document/document';
import { LIMITS } from '../../document/schema';
import { appStore, useStore } from '../../state/useStore';
import { copyText } from '../common/clipboard';
import { paramsOf, reductionParam } from '../common/lossInfo';
import { PART_LABELS, TAB_LABELS } from '../common/panels';
import { shapeOf } from '../inputs/tensorOps';
import { choicesOf, embedLink, iframeSnippet, lessonDoc, shareLink, type LessonChoices } from './shareLesson';

function Checks({ legend, ids, labels, hide, onToggle }: {
  legend: string; ids: readonly string[]; labels: (id: string) => string; hide: string[]; onToggle(id: string, on: boolean): void;
}) {
  return (
    <fieldset className="share-checks">
      <legend>{legend}</legend>
      {ids.map((id) => (
        <label key={id}><input type="checkbox" checked={hide.includes(id)} onChange={(e) => onToggle(id, e.target.checked)} /> {labels(id)}</label>
      ))}
    </fieldset>
  );
}

export function ShareLessonDialog({ onClose }: { onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const doc = useStore((s) => s.doc);
  const [c, setC] = useState<LessonChoices>(() => choicesOf(appStore.getState().doc));
  const [show, setShow] = useState<EmbedView>('chart');
  const [msg, setMsg] = useState('');
  const ids = { title: useId(), note: useId(), tab: useId(), link: useId(), embed: useId(), snippet: useId(), heading: useId() };
  const set = (patch: Partial<LessonChoices>) => setC((old) => ({ ...old, ...patch }));
  const toggle = (id: string, on: boolean) => set({ hide: on ? [...c.hide.filter((h) => h !== id), id] : c.hide.filter((h) => h !== id) });

  // The element that had focus before the dialog: it gets focus back once the dialog has closed.
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    opener.current = document.activeElement as HTMLElement | null;
    if (typeof d.showModal === 'function') d.showModal();
    else d.setAttribute('open', '');
  }, []);
  /** Every way out (Escape, Close, Apply here) closes the <dialog> first; its close event then ends it. */
  const close = () => {
    const d = ref.current;
    if (d && typeof d.close === 'function' && d.open) d.close();
    else finish();
  };
  const finish = () => {
    opener.current?.focus?.();
    onClose();
  };

  const params = [...paramsOf(doc.kind, doc.name, doc.semantics), ...(doc.kind === 'loss' ? [reductionParam(doc.semantics)] : [])].map((p) => p.name);
  const pred = shapeOf(doc.kind === 'metric' ? doc.updates[0]?.y_pred ?? [] : doc.y_pred);
  const [rows, cols] = [pred[0] ?? 1, pred.length >= 2 ? pred[pred.length - 1] : 1];
  const href = window.location.href;
  const link = shareLink(doc, c, href);
  const snippet = iframeSnippet(embedLink(doc, c, show, href), c.title.trim());
  const copy = async (text: string, what: string) => setMsg((await copyText(text)) ? `${what} copied (${text.length} characters).` : `The clipboard is not available: copy the ${what.toLowerCase()} from its field.`);
  // Keys the choices leave out are cleared too (setView merges).
  const apply = () => {
    const v = lessonDoc(doc, c).view;
    appStore.getState().setView({ ...v, title: v.title, note: v.note, lesson: v.lesson, step: v.step });
  };
  const cell = (i: 0 | 1, v: string) => {
    const n = Math.max(0, Math.min(Number(v) || 0, (i === 0 ? rows : cols) - 1));
    const sel: [number, number] = c.selected ? [...c.selected] : [0, 0];
    sel[i] = n;
    set({ selected: sel });
  };

  return (
    <dialog ref={ref} className="share-dialog" aria-labelledby={ids.heading} data-testid="share-lesson" onClose={finish}>
      <form method="dialog" onSubmit={(e) => { e.preventDefault(); close(); }}>
        <h2 id={ids.heading}>Share as a lesson</h2>
        <p className="hint">The link opens this example with the view you choose here. Hidden panels leave no gaps.</p>
        <div className="share-grid">
          <div className="field">
            <label htmlFor={ids.title}>Title</label>
            <input id={ids.title} type="text" autoFocus maxLength={LIMITS.maxTitle} value={c.title} onChange={(e) => set({ title: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={ids.note}>Note shown at the top</label>
            <textarea id={ids.note} rows={3} maxLength={LIMITS.maxNote} value={c.note} onChange={(e) => set({ note: e.target.value })} />
          </div>
          <Checks legend="Hide panels" ids={PAGE_PARTS} labels={(id) => PART_LABELS[id as keyof typeof PART_LABELS]} hide={c.hide} onToggle={toggle} />
          {params.length > 0 && <Checks legend="Hide parameters" ids={params} labels={(id) => id} hide={c.hide} onToggle={toggle} />}
          <fieldset className="share-open">
            <legend>Open on</legend>
            <label htmlFor={ids.tab}>Chart to open</label>
            <select id={ids.tab} value={c.tab} onChange={(e) => set({ tab: e.target.value as ChartTab })}>
              {CHART_TABS.map((t) => <option key={t} value={t}>{TAB_LABELS[t]}</option>)}
            </select>
            <label><input type="checkbox" checked={c.selected !== null} onChange={(e) => set({ selected: e.target.checked ? [0, 0] : null })} /> Select a y_pred cell</label>
            {c.selected && (
              <span className="share-cell">
                <label>Row <input type="number" min={0} max={rows - 1} value={c.selected[0]} onChange={(e) => cell(0, e.target.value)} /></label>
                <label>Column <input type="number" min={0} max={cols - 1} value={c.selected[1]} onChange={(e) => cell(1, e.target.value)} /></label>
              </span>
            )}
            {doc.view.lesson && <label><input type="checkbox" checked={c.keepLesson} onChange={(e) => set({ keepLesson: e.target.checked })} /> Keep the lesson card</label>}
          </fieldset>
        </div>
        <div className="field">
          <label htmlFor={ids.link}>Lesson link</label>
          <input id={ids.link} className="share-output" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
        </div>
        <div className="share-actions">
          <button type="button" className="btn primary" onClick={() => void copy(link, 'Link')}>Copy lesson link</button>
          <button type="button" className="btn" onClick={() => { apply(); close(); }}>Apply here</button>
        </div>
        <div className="field">
          <label htmlFor={ids.embed}>Embed shows</label>
          <select id={ids.embed} value={show} onChange={(e) => setShow(e.target.value as EmbedView)}>
            {EMBED_VIEWS.map((v) => <option key={v} value={v}>{v === 'chart' ? `the ${TAB_LABELS[c.tab]} chart` : 'the result card'}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.snippet}>Embed code (an iframe, 600 × 400)</label>
          <textarea id={ids.snippet} className="share-output" readOnly rows={3} value={snippet} onFocus={(e) => e.currentTarget.select()} />
        </div>
        <div className="share-actions">
          <button type="button" className="btn" onClick={() => void copy(snippet, 'Embed code')}>Copy embed code</button>
          <button type="submit" className="btn">Close</button>
          <span role="status" className="hint">{msg}</span>
        </div>
      </form>
    </dialog>
  );
}
