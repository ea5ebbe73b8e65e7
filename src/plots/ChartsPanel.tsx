/**
 * The CHARTS panel: a tab bar bound to doc.view.tab (so links reopen the same chart; a link may
 * hide the bar) and the active chart below it, sized to the panel's width. No props: it reads the store.
 */
import type { KeyboardEvent } from 'react';
import { CHART_TABS, type ChartTab } from '../document/document';
import { appStore, useStore } from '../state/useStore';
import { chartsClient } from './chartsClient';
import { CtcChart } from './CtcChart';
import { FocalChart } from './FocalChart';
import { GradientChart } from './GradientChart';
import { PerSampleChart } from './PerSampleChart';
import { SmoothingChart } from './SmoothingChart';
import { TrainingChart } from './TrainingChart';
import { useWidth } from './useWidth';
import { TAB_LABELS } from '../ui/common/panels';

// bench/charts/run.mjs builds with --mode bench to drive the store and the engine client directly.
if (import.meta.env.MODE === 'bench') Object.assign(globalThis, { __lossPlayground: { store: appStore, client: chartsClient } });

/** Words a phone leaves off a tab's label, so all six tabs fit on one row at 390 px (charts.css). */
const NARROW_DROPS: Partial<Record<ChartTab, string>> = { ctc: ' lattice' };

/** The chart each tab shows (the embed page draws one of them alone). */
export const CHARTS: Record<ChartTab, (p: { width: number }) => React.JSX.Element | null> = {
  'per-sample': PerSampleChart,
  gradient: GradientChart,
  focal: FocalChart,
  smoothing: SmoothingChart,
  ctc: CtcChart,
  training: TrainingChart,
};

export function ChartsPanel() {
  const tab = useStore((s) => s.doc.view.tab);
  const setView = useStore((s) => s.setView);
  // A teacher's link can hide the tab bar (`hide=chart-tabs`): its chart is then the only one.
  const tabsHidden = useStore((s) => s.doc.view.hide.includes('chart-tabs'));
  const [ref, width] = useWidth<HTMLDivElement>();
  const Chart = CHARTS[tab] ?? PerSampleChart;
  // Arrow keys move between tabs (WAI-ARIA tabs pattern).
  const onKey = (e: KeyboardEvent) => {
    const i = CHART_TABS.indexOf(tab);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : null;
    if (next === null) return;
    const t = CHART_TABS[(next + CHART_TABS.length) % CHART_TABS.length];
    setView({ tab: t });
    document.getElementById(`chart-tab-${t}`)?.focus();
  };
  return (
    <section className="charts" aria-label="Charts" data-testid="charts">
      {!tabsHidden && <div role="tablist" aria-label="Chart" className="chart-tabs" onKeyDown={onKey}>
        {CHART_TABS.map((t) => (
          <button
            key={t} type="button" role="tab" id={`chart-tab-${t}`} aria-selected={t === tab} tabIndex={t === tab ? 0 : -1}
            aria-controls="chart-panel" data-testid={`charts.tab.${t}`} onClick={() => setView({ tab: t })}
          >
            {NARROW_DROPS[t] ? <>{TAB_LABELS[t].replace(NARROW_DROPS[t], '')}<span className="tab-more">{NARROW_DROPS[t]}</span></> : TAB_LABELS[t]}
          </button>
        ))}
      </div>}
      <div role={tabsHidden ? 'region' : 'tabpanel'} id="chart-panel" ref={ref} data-testid={`charts.panel.${tab}`}
        {...(tabsHidden ? { 'aria-label': `${TAB_LABELS[tab]} chart` } : { 'aria-labelledby': `chart-tab-${tab}` })}>
        <Chart width={width} />
      </div>
    </section>
  );
}
