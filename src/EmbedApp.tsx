/**
 * The embed page (embed.html): one chart, or the result card, for an <iframe> in a course page or
 * a blog, with a link that opens the same example in the full playground in a new tab. It reads
 * its link and never writes: no address-bar updates, nothing saved in the visitor's storage.
 */
import { encode } from './document/codec';
import type { ExampleDoc } from './document/document';
import { CHARTS } from './plots/ChartsPanel';
import { useWidth } from './plots/useWidth';
import { useStore } from './state/useStore';
import { BACKEND_LABELS } from './ui/common/backendNames';
import { Num, NumList } from './ui/common/Num';
import { TAB_LABELS } from './ui/common/panels';
import { headline, How, Where } from './ui/result/ResultPanel';
import { ResultSentence } from './ui/result/ResultSentence';
import { useShownResult } from './ui/result/useResult';

/** The full playground's address for the same example: beside embed.html, without the embed key. */
export function openInPlaygroundHref(doc: ExampleDoc, href: string): string {
  const { embed: _e, ...view } = doc.view;
  return `${new URL('./', href.split('#')[0].split('?')[0]).href}#${encode({ ...doc, view })}`;
}

function EmbedChart() {
  const tab = useStore((s) => s.doc.view.tab);
  const [ref, width] = useWidth<HTMLDivElement>();
  const Chart = CHARTS[tab];
  return <div ref={ref} className="embed-body" data-testid={`embed.chart.${tab}`}><Chart width={width} /></div>;
}

function EmbedResult() {
  const { result, stale } = useShownResult();
  const error = useStore((s) => (s.results.status === 'error' && s.results.forDocRevision === s.revision ? s.results.error : null));
  if (error) return <p className="error-text embed-body">Keras would raise an error for this input: {error.message}</p>;
  if (!result) return <p className="hint embed-body">Computing…</p>;
  const values = headline(result);
  return (
    <section className={`embed-body embed-result ${stale ? 'stale' : ''}`} aria-label="Result" data-testid="embed.result">
      <div className="headline" data-testid="result.value">
        {values.length === 1 && result.kind !== 'function' ? <Num value={values[0]} dtype={result.dtype} className="big" /> : <NumList values={values} dtype={result.dtype} />}
        <span className="dtype">{result.dtype}, {result.semantics === 'tf_keras2' ? 'tf.keras 2' : BACKEND_LABELS[result.kerasBackend] ?? result.kerasBackend}</span>
      </div>
      <ResultSentence result={result} />
      <How r={result} dtype={result.dtype} />
      <Where r={result} />
      {result.kind !== 'metric' && result.perSample.data.length > 1 && (
        <p className="embed-per-sample">per sample: <NumList values={result.perSample.data} dtype={result.dtype} /></p>
      )}
    </section>
  );
}

export function EmbedApp() {
  const doc = useStore((s) => s.doc);
  const errors = useStore((s) => s.link.errors);
  const show = doc.view.embed ?? 'chart';
  const what = show === 'chart' ? `${TAB_LABELS[doc.view.tab]} chart` : 'result';
  return (
    <main className="embed" data-testid="embed" data-show={show}>
      <header className="embed-head">
        <span className="embed-title">{doc.view.title ?? <><code>{doc.name}</code> · {what}</>}</span>
        <a className="embed-open" href={openInPlaygroundHref(doc, window.location.href)} target="_blank" rel="noopener noreferrer">
          Open in Loss Playground<span aria-hidden="true"> ↗</span><span className="visually-hidden"> (opens in a new tab)</span>
        </a>
      </header>
      {errors.length > 0 && <p className="hint" data-testid="embed.link-errors">This link had {errors.length} problem{errors.length > 1 ? 's' : ''}; open it in the playground to see them.</p>}
      {show === 'chart' ? <EmbedChart /> : <EmbedResult />}
    </main>
  );
}
