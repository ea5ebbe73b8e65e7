/**
 * Sharing: Copy link (the codec's URL; a selectable text field when the clipboard refuses), Share
 * as a lesson (a dialog for a teacher's link and an embed snippet), and JSON download /
 * open-by-file for examples whose link is too long for a chat message.
 */
import { lazy, Suspense, useId, useRef, useState } from 'react';
import { appStore, useStore } from '../../state/useStore';
import { docToJson, jsonToDoc } from '../../document/json';
import type { DecodeError } from '../../document/schema';
import { linkFor } from '../../url/sync';
import { copyText, downloadText } from '../common/clipboard';

// Loaded when first opened: a teacher's tool, not part of what a first visit needs.
const ShareLessonDialog = lazy(() => import('../lessons/ShareLessonDialog').then((m) => ({ default: m.ShareLessonDialog })));

export function ShareMenu() {
  const tooLong = useStore((s) => s.link.tooLong);
  const length = useStore((s) => s.link.length);
  const loadDoc = useStore((s) => s.loadDoc);
  const [fallback, setFallback] = useState<string | null>(null);
  const [msg, setMsg] = useState('');
  const [fileErrors, setFileErrors] = useState<DecodeError[]>([]);
  const [lessonOpen, setLessonOpen] = useState(false);
  const fileId = useId();
  const fileInput = useRef<HTMLInputElement>(null);

  const copyLink = async () => {
    const url = linkFor(appStore.getState().doc, window.location.href);
    const ok = await copyText(url);
    setFallback(ok ? null : url);
    setMsg(ok ? `Link copied (${url.length} characters).` : 'The clipboard is not available: copy the link from the field.');
  };
  const download = () => {
    const doc = appStore.getState().doc;
    downloadText(docToJson(doc), `loss-playground-${doc.name}.json`);
    setMsg('Example saved as JSON.');
  };
  const open = async (file: File) => {
    const { doc, errors } = jsonToDoc(await file.text());
    if (errors.some((e) => e.field === 'file')) {
      setFileErrors(errors);
      setMsg('');
      return;
    }
    loadDoc(doc);
    setFileErrors(errors);
    setMsg(`Opened ${file.name}.`);
  };

  return (
    <div className="share" role="group" aria-label="Share">
      <button type="button" className="btn" onClick={copyLink}>Copy link</button>
      <button type="button" className="btn" aria-haspopup="dialog" onClick={() => setLessonOpen(true)}>Share as a lesson…</button>
      {lessonOpen && <Suspense fallback={null}><ShareLessonDialog onClose={() => setLessonOpen(false)} /></Suspense>}
      <button type="button" className="btn" onClick={download}>Download JSON</button>
      <label htmlFor={fileId} className="btn file-btn"
        tabIndex={0} onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); fileInput.current?.click(); } }}>
        Open JSON…
      </label>
      <input id={fileId} ref={fileInput} type="file" accept=".json,application/json" className="visually-hidden" tabIndex={-1}
        onChange={(e) => { const f = e.target.files?.[0]; if (f) void open(f); e.target.value = ''; }} />
      <span role="status" className="hint share-status">{msg}</span>
      {tooLong && (
        <p className="hint too-long" data-testid="link-too-long">
          {length > 0
            ? `This link is ${length} characters, too long for many chats and issue trackers: download the example as JSON and share the file.`
            : 'This example is too large for a link: download it as JSON and share the file.'}
        </p>
      )}
      {fallback !== null && (
        <input className="fallback" readOnly value={fallback} aria-label="Shareable link" autoFocus onFocus={(e) => e.currentTarget.select()} />
      )}
      {fileErrors.length > 0 && (
        <div className="banner warn" role="alert">
          <p>The file had problems{fileErrors.some((e) => e.field === 'file') ? '; nothing was loaded' : '; the rest of it was loaded'}:</p>
          <ul>{fileErrors.map((e, i) => <li key={i}><code>{e.field}</code>: {e.message}</li>)}</ul>
          <button type="button" className="btn small" onClick={() => setFileErrors([])}>Dismiss</button>
        </div>
      )}
    </div>
  );
}
