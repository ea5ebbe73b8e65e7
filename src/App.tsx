/**
 * The main screen (DESIGN.md): header; INPUTS | PARAMETERS | RESULT (with its details below it);
 * EXPLAIN; CHARTS. One column on a phone, the result first, then the parameters that move it, then
 * the grids (layout.css), with the result kept in view at the top as you scroll (ResultPeek). Everything
 * updates live; there is no Run button. A lesson's card and a teacher's note sit above the panels,
 * and panels a link hides leave no gap.
 */
import { lazy, Suspense, useState } from 'react';
import { appStore, useStore } from './state/useStore';
import { EngineErrorBanner, LinkErrorBanner } from './ui/header/Banners';
import { ExplainPanel } from './ui/explain/ExplainPanel';
import { Header } from './ui/header/Header';
import { InputsPanel } from './ui/inputs/InputsPanel';
import { ParamsPanel } from './ui/params/ParamsPanel';
import { ResultDetails } from './ui/result/ResultDetails';
import { ResultPanel } from './ui/result/ResultPanel';
import { ResultPeek } from './ui/result/ResultPeek';
import { useShortcuts } from './ui/common/useShortcuts';
import { TOP_ROW } from './ui/common/panels';
import { LessonCard } from './ui/lessons/LessonCard';
import { TeacherNote } from './ui/lessons/TeacherNote';

/**
 * The charts (and d3) load in a chunk of their own, fetched as soon as the page runs: they sit
 * below the fold, and the first result does not wait for them.
 */
const ChartsPanel = lazy(() => import('./plots/ChartsPanel').then((m) => ({ default: m.ChartsPanel })));
/** The code export loads when first opened: the first result does not need it. */
const CodeExportPanel = lazy(() => import('./ui/header/CodeExport').then((m) => ({ default: m.CodeExportPanel })));

export function App() {
  const [codeOpen, setCodeOpen] = useState(false);
  const hide = useStore((s) => s.doc.view.hide);
  useShortcuts(appStore);
  return (
    <div className="app">
      <a className="skip-link" href="#result-title">Skip to the result</a>
      <Header codeOpen={codeOpen} onToggleCode={() => setCodeOpen((o) => !o)} />
      {codeOpen && (
        <Suspense fallback={<p className="hint" aria-busy="true">Loading the code export…</p>}>
          <CodeExportPanel onClose={() => setCodeOpen(false)} />
        </Suspense>
      )}
      <LinkErrorBanner />
      <EngineErrorBanner />
      <TeacherNote />
      <LessonCard />
      {!hide.includes('result') && <ResultPeek />}
      {/* top-N: how many of inputs / params / result are shown, so hidden ones leave no empty column. */}
      <main className={`layout top-${TOP_ROW.filter((p) => !hide.includes(p)).length}`}>
        {!hide.includes('inputs') && <InputsPanel />}
        {!hide.includes('params') && <ParamsPanel />}
        {!hide.includes('result') && <ResultPanel />}
        {!hide.includes('result') && <ResultDetails />}
        {!hide.includes('explain') && <ExplainPanel />}
        {!hide.includes('charts') && (
          <div className="panel charts-area">
            <Suspense fallback={<p className="hint" aria-busy="true">Loading the charts…</p>}><ChartsPanel /></Suspense>
          </div>
        )}
      </main>
      <footer className="app-footer">
        <p>Numbers follow Keras 3 on the backend you pick (TensorFlow, Keras’s default, unless you choose another) or tf.keras 2, computed in your browser. Hover a value to see it in full.</p>
      </footer>
    </div>
  );
}
