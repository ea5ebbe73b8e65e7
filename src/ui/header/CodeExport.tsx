/** "Export code": a runnable Keras 3 / tf.keras 2 / TensorFlow.js snippet that prints the number shown, with Copy. */
import { useState } from 'react';
import { useStore } from '../../state/useStore';
import { copyText } from '../common/clipboard';
import { codeTargets, exportCode, type CodeTarget } from './codeExport';
import { useShownResult } from '../result/useResult';

export function CodeExportPanel({ onClose }: { onClose(): void }) {
  const doc = useStore((s) => s.doc);
  const { result, stale } = useShownResult();
  const targets = codeTargets(doc);
  const [picked, setPicked] = useState<CodeTarget | null>(null);
  const target = targets.find((t) => t.target === picked) ?? targets[0];
  const [msg, setMsg] = useState('');
  const [fallback, setFallback] = useState(false);
  const code = target.unavailable ? null : exportCode(doc, target.target, stale ? null : result);
  return (
    <section id="code-export" className="code-export panel" aria-labelledby="code-title" data-testid="code-export">
      <div className="code-head">
        <h2 id="code-title">Export code</h2>
        <div role="tablist" aria-label="Language">
          {targets.map((t) => (
            <button key={t.target} type="button" role="tab" aria-selected={t.target === target.target}
              onClick={() => { setPicked(t.target); setMsg(''); setFallback(false); }}>
              {t.label}
            </button>
          ))}
        </div>
        <button type="button" className="btn small" onClick={onClose}>Close</button>
      </div>
      <div role="tabpanel" aria-label={target.label}>
        {code === null ? <p className="hint">Not available: {target.unavailable}</p> : (
          <>
            <div className="code-actions">
              <button type="button" className="btn" onClick={async () => {
                const ok = await copyText(code);
                setMsg(ok ? 'Snippet copied.' : 'The clipboard is not available: select the code below.');
                setFallback(!ok);
              }}>Copy snippet</button>
              <span role="status" className="hint">{msg}</span>
            </div>
            {fallback
              ? <textarea className="code fallback" readOnly value={code} aria-label="Code snippet" rows={16} autoFocus onFocus={(e) => e.currentTarget.select()} />
              : <pre className="code" data-testid="code-snippet" tabIndex={0} aria-label="Code snippet"><code>{code}</code></pre>}
          </>
        )}
      </div>
    </section>
  );
}
