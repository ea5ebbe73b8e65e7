/**
 * Each recorded sample's true-class probability over the run (in the sample's colour; the compared
 * run dashed), their mean over every sample, and the analytic optimum as a labelled reference line
 * where one exists below 1 (label smoothing: 1 − ls + ls/C), so the run is seen approaching it.
 */
import { memo, useMemo, useState, type PointerEvent } from 'react';
import { scaleLinear } from 'd3-scale';
import type { TrainTrace } from '../engine/train';
import { exactNumber, formatNumber } from '../ui/common/format';
import { AxisBottom, AxisLeft } from './Axis';
import { ChartFrame, type Tip } from './ChartFrame';
import type { ChartCursor } from './cursor';
import type { TableData } from './DataTable';
import { hoverSample, svgPoint } from './hover';
import { optimumRefs } from './trainingData';
import { allSamples, TRUE_PROB_LABELS } from './trainingText';
import { COMPARE_DASH, frameOf, sampleSeries, seriesPath, stepAt, stepScale, valueAt, whole, type TrainPlotProps } from './trainingPlot';
import { BACKGROUND, FONT_SIZE, INK, LINE, MUTED, REDUCED_COLOUR, sampleColour } from './theme';

interface Props extends TrainPlotProps {
  linked: number | null;
  dtype: 'float32' | 'float64';
}

const SOURCE = 'chart:training';
/** A little headroom above 1, so a probability of 1 (saturated logits) is seen as a line, not hidden in the frame. */
const probScale = (f: ReturnType<typeof frameOf>) => scaleLinear([0, 1.04], [f.bottom, f.top]);

const Lines = memo(function Lines({ traces, width, height, linked }: { traces: TrainTrace[]; width: number; height: number; linked: number | null }) {
  const f = frameOf(width, height);
  const x = stepScale(traces[0].steps, f);
  const y = probScale(f);
  return (
    <>
      {traces.map((t, i) => t.samples.map((s, j) => {
        const hi = linked === s, dim = linked !== null && !hi;
        return (
          <path key={`${i}:${s}`} d={seriesPath(sampleSeries(t, j), t.steps, x, y, f)} fill="none" stroke={sampleColour(s)}
            strokeWidth={hi ? LINE.highlighted : LINE.curve - 0.5} strokeDasharray={i ? COMPARE_DASH : undefined} opacity={dim ? 0.3 : 1}
            data-testid={i ? 'plot.training-prob.compare' : 'plot.training-prob.line'} data-sample={s} data-highlighted={hi ? 'true' : undefined} />
        );
      }))}
      {traces.map((t, i) => (
        <path key={`mean:${i}`} d={seriesPath(whole(t.meanTrueProb), t.steps, x, y, f)} fill="none" stroke={REDUCED_COLOUR}
          strokeWidth={LINE.reduced} strokeDasharray={i ? COMPARE_DASH : undefined} data-testid={i ? 'plot.training-prob.mean-compare' : 'plot.training-prob.mean'} />
      ))}
    </>
  );
});

function probTable(traces: TrainTrace[], labels: (string | null)[]): TableData {
  const multi = traces.length > 1;
  const name = (i: number, what: string) => (multi ? `${what}, ${labels[i]}` : what);
  return {
    caption: `${TRUE_PROB_LABELS[traces[0].trueProbKind]} of each recorded sample at each step`,
    columns: ['step', ...traces.flatMap((t, i) => [...t.samples.map((s) => name(i, `sample ${s}`)), name(i, `mean over ${allSamples(t.count)}`)])],
    rows: Array.from({ length: traces[0].steps + 1 }, (_, k) => [
      k, ...traces.flatMap((t) => [...t.samples.map((_, j) => exactNumber(valueAt(sampleSeries(t, j), k))), exactNumber(t.meanTrueProb[k])]),
    ]),
  };
}

export function TrainingProbPlot(p: Props) {
  const traces = useMemo(() => (p.compare ? [p.main, p.compare] : [p.main]), [p.main, p.compare]);
  const f = frameOf(p.width, p.height);
  const steps = p.main.steps;
  const x = stepScale(steps, f);
  const y = probScale(f);
  const [tip, setTip] = useState<Tip | null>(null);
  const table = useMemo(() => probTable(traces, p.labels), [traces, p.labels]);
  const fmt = (v: number) => formatNumber(v, p.dtype);
  const tipAt = (k: number, pt: { x: number; y: number }, only: number | null): Tip => ({
    x: pt.x, y: pt.y,
    lines: [`step ${k}`, ...traces.flatMap((t, i) => [
      ...t.samples.flatMap((s, j) => (only === null || only === s ? [`sample ${s}${traces.length > 1 ? ` (${p.labels[i]})` : ''}: ${exactNumber(valueAt(sampleSeries(t, j), k))}`] : [])),
      `mean${traces.length > 1 ? ` (${p.labels[i]})` : ''}: ${exactNumber(t.meanTrueProb[k])}`,
    ])],
  });
  const onMove = (e: PointerEvent<SVGRectElement>) => {
    const pt = svgPoint(e);
    const k = stepAt(pt.x, steps, f);
    // The sample whose line passes closest to the pointer is linked to the grids.
    let near: number | null = null, dist = 12;
    p.main.samples.forEach((s, j) => {
      const d = Math.abs(y(valueAt(sampleSeries(p.main, j), k)) - pt.y);
      if (d < dist) { dist = d; near = s; }
    });
    hoverSample(SOURCE, near);
    setTip(tipAt(k, pt, near));
  };
  const cursor: ChartCursor = {
    count: steps + 1, noun: 'step',
    show: (k) => setTip(tipAt(k, { x: x(k), y: y(p.main.meanTrueProb[k]) || f.top }, null)),
    clear: () => setTip(null),
    activate: p.onSeek,
  };
  const refs = optimumRefs(p.main, p.compare, p.labels, fmt);
  // Labels right-aligned, below a line near the top (the runs come up to it); one that would overlap the last is left to the table.
  let lastY = -Infinity;
  const placed = [...refs].sort((a, b) => b.v - a.v).map((r) => {
    const ly = y(r.v) + (r.v > 0.8 ? 14 : -5);
    const show = Math.abs(ly - lastY) >= 13;
    if (show) lastY = ly;
    return { ...r, ly, show };
  });
  const few = p.main.samples.length <= 9;
  const legend = [
    ...(few ? p.main.samples.map((s) => ({ label: `sample ${s}`, colour: sampleColour(s), width: 2 })) : [{ label: `${p.main.samples.length} samples, coloured as in the grids`, colour: MUTED, width: 2 }]),
    { label: `mean over ${allSamples(p.main.count)}`, colour: REDUCED_COLOUR, width: LINE.reduced },
    ...(p.compare ? [{ label: `dashed: ${p.labels[1]}`, colour: MUTED, width: 2, dash: COMPARE_DASH }] : []),
    ...(refs.length ? [{ label: 'analytic optimum', colour: INK, width: 1.5, dash: '2 3' }] : []),
  ];
  const cx = x(p.step);
  return (
    <ChartFrame id="training-prob" title={`${TRUE_PROB_LABELS[p.main.trueProbKind][0].toUpperCase()}${TRUE_PROB_LABELS[p.main.trueProbKind].slice(1)} per sample`}
      description={p.main.count > p.main.samples.length ? `samples ${p.main.samples.join(', ')} of ${p.main.count}; the mean is over all` : undefined}
      width={p.width} height={p.height} legend={legend} table={table} tableVersion={p.version} tip={tip} busy={p.busy} cursor={cursor}>
      <AxisLeft scale={y} at={f.left} label="probability" grid={f.right - f.left} />
      <AxisBottom scale={x} at={f.bottom} label="step (updates)" />
      <Lines traces={traces} width={p.width} height={p.height} linked={p.linked} />
      {placed.map((r) => (
        <g key={`${r.run}:${r.v}`} data-testid="plot.training-prob.optimum" data-value={r.v} data-run={r.run ? 'compare' : 'main'}>
          <line x1={f.left} x2={f.right} y1={y(r.v)} y2={y(r.v)} stroke={r.sample === null ? INK : sampleColour(r.sample)} strokeWidth={1.5} strokeDasharray={r.run ? '6 3' : '2 3'} />
          {r.show ? <text x={f.right - 4} y={r.ly} textAnchor="end" fontSize={FONT_SIZE} fill={INK} stroke={BACKGROUND} strokeWidth={3} paintOrder="stroke">{r.label}</text> : null}
          <title>{r.label}</title>
        </g>
      ))}
      <line x1={cx} x2={cx} y1={f.top} y2={f.bottom} stroke={MUTED} strokeDasharray="2 2" data-testid="plot.training-prob.cursor" data-step={p.step} />
      {p.main.samples.map((s, j) => {
        const v = valueAt(sampleSeries(p.main, j), p.step);
        return Number.isFinite(v) ? <circle key={s} cx={cx} cy={y(v)} r={3.5} fill={sampleColour(s)} stroke={BACKGROUND} data-testid="plot.training-prob.at" /> : null;
      })}
      <rect x={f.left} y={f.top} width={f.right - f.left} height={f.bottom - f.top} fill="transparent" data-export="skip" style={{ cursor: 'pointer' }}
        onPointerMove={onMove} onPointerLeave={() => { hoverSample(SOURCE, null); setTip(null); }}
        onClick={(e) => p.onSeek(stepAt(svgPoint(e).x, steps, f))} data-testid="plot.training-prob.overlay" />
    </ChartFrame>
  );
}
