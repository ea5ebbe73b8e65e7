/**
 * The loss over the run's steps: the run solid, the compared run dashed, the steps where entries
 * sat at a clip bound with a gradient of exactly 0 marked along the bottom, and the shown step.
 */
import { memo, useMemo, useState, type PointerEvent } from 'react';
import type { TrainTrace } from '../engine/train';
import { exactNumber } from '../ui/common/format';
import { AxisBottom, AxisLeft } from './Axis';
import { ChartFrame, type Tip } from './ChartFrame';
import type { ChartCursor } from './cursor';
import type { TableData } from './DataTable';
import { svgPoint } from './hover';
import { clipSpans } from './trainingData';
import { COMPARE_DASH, frameOf, logTicks, lossScale, seriesPath, stepAt, stepScale, whole, type TrainPlotProps } from './trainingPlot';
import { BACKGROUND, DEAD_COLOUR, LINE, MUTED, REDUCED_COLOUR } from './theme';

type Props = TrainPlotProps;

const objectiveLabel = (t: TrainTrace) => (t.objective === 'reduced' ? 'loss' : 'Σ per-sample loss');

/** The paths and the table, once per run and width: playing moves only the cursor. */
const Lines = memo(function Lines({ traces, width, height, steps }: { traces: TrainTrace[]; width: number; height: number; steps: number }) {
  const f = frameOf(width, height);
  const x = stepScale(steps, f);
  const { scale: y } = lossScale(traces, f);
  return (
    <>
      {traces.map((t, i) => (
        <path key={i} d={seriesPath(whole(t.loss), t.steps, x, y, f)} fill="none" stroke={REDUCED_COLOUR} strokeWidth={LINE.reduced - (i ? 0.5 : 0)}
          strokeDasharray={i ? COMPARE_DASH : undefined} data-testid={i ? 'plot.training-loss.compare' : 'plot.training-loss.line'} />
      ))}
      {traces.map((t, i) => clipSpans(t.clipped).map(([a, b]) => (
        <line key={`${i}:${a}`} x1={x(a) - 1} x2={Math.max(x(b) + 1, x(a) + 2)} y1={f.bottom - 3 - 7 * i} y2={f.bottom - 3 - 7 * i}
          stroke={DEAD_COLOUR} strokeWidth={5} strokeDasharray={i ? '3 2' : undefined} data-testid="plot.training-loss.clipped"
          data-run={i ? 'compare' : 'main'} data-from={a} data-to={b}>
          <title>{`steps ${a}–${b}: entries at a clip bound, gradient exactly 0 (${t.label})`}</title>
        </line>
      )))}
    </>
  );
});

function lossTable(traces: TrainTrace[], labels: (string | null)[]): TableData {
  const cols = traces.flatMap((t, i) => [`loss, ${labels[i]}`, `entries clipped, ${labels[i]}`]);
  return {
    caption: `Loss at each step of ${traces[0].steps} ${traces[0].optimizer.name.toUpperCase()} updates`,
    columns: ['step', ...cols],
    rows: Array.from({ length: traces[0].steps + 1 }, (_, k) => [k, ...traces.flatMap((t) => [exactNumber(t.loss[k]), t.clipped[k]])]),
  };
}

export function TrainingLossPlot(p: Props) {
  const traces = useMemo(() => (p.compare ? [p.main, p.compare] : [p.main]), [p.main, p.compare]);
  const f = frameOf(p.width, p.height);
  const steps = p.main.steps;
  const x = stepScale(steps, f);
  const { scale: y, log } = lossScale(traces, f);
  const [tip, setTip] = useState<Tip | null>(null);
  const table = useMemo(() => lossTable(traces, p.labels), [traces, p.labels]);
  const tipAt = (k: number, pt: { x: number; y: number }): Tip => ({
    x: pt.x, y: pt.y,
    lines: [`step ${k}`, ...traces.flatMap((t, i) => [`${p.labels[i]}: loss ${exactNumber(t.loss[k])}`, ...(t.clipped[k] ? [`  ${t.clipped[k]} entries clipped, gradient 0`] : [])])],
  });
  const onMove = (e: PointerEvent<SVGRectElement>) => {
    const pt = svgPoint(e);
    setTip(tipAt(stepAt(pt.x, steps, f), pt));
  };
  const cursor: ChartCursor = {
    count: steps + 1, noun: 'step',
    show: (k) => setTip(tipAt(k, { x: x(k), y: Number.isFinite(p.main.loss[k]) ? y(p.main.loss[k]) : f.top })),
    clear: () => setTip(null),
    activate: p.onSeek,
  };
  const anyClipped = traces.some((t) => t.clipped.some((c) => c > 0));
  const legend = [
    { label: `${p.labels[0]}${p.compare ? ' (this run)' : ''}`, colour: REDUCED_COLOUR, width: LINE.reduced },
    ...(p.compare ? [{ label: `${p.labels[1]} (compared)`, colour: REDUCED_COLOUR, width: LINE.reduced - 0.5, dash: COMPARE_DASH }] : []),
    ...(anyClipped ? [{ label: 'steps with entries stuck at a clip bound (gradient 0)', colour: DEAD_COLOUR, width: 5 }] : []),
  ];
  const cx = x(p.step);
  return (
    <ChartFrame id="training-loss" title={`Loss over ${steps} ${p.main.optimizer.name === 'sgd' ? 'SGD' : 'Adam'} steps`}
      description={`learning rate ${exactNumber(p.main.optimizer.learning_rate)}; the engine's gradient of ${p.main.name} moves the logits behind y_pred${
        p.main.objective === 'sum' ? ' (no reduction: the sum of the per-sample losses is minimised)' : ''}${log ? '; log axis' : ''}`}
      width={p.width} height={p.height} legend={legend} table={table} tableVersion={p.version} tip={tip} busy={p.busy} cursor={cursor}>
      <AxisLeft scale={y} at={f.left} label={objectiveLabel(p.main)} grid={f.right - f.left} ticks={log ? logTicks(y.domain()) : undefined} />
      <AxisBottom scale={x} at={f.bottom} label="step (updates)" />
      <Lines traces={traces} width={p.width} height={p.height} steps={steps} />
      <line x1={cx} x2={cx} y1={f.top} y2={f.bottom} stroke={MUTED} strokeDasharray="2 2" data-testid="plot.training-loss.cursor" data-step={p.step} />
      {traces.map((t, i) => (Number.isFinite(t.loss[p.step])
        ? <circle key={i} cx={cx} cy={Math.max(f.top, Math.min(f.bottom, y(t.loss[p.step])))} r={4} fill={i ? BACKGROUND : REDUCED_COLOUR} stroke={REDUCED_COLOUR} strokeWidth={2} data-testid="plot.training-loss.at" />
        : null))}
      <rect x={f.left} y={f.top} width={f.right - f.left} height={f.bottom - f.top} fill="transparent" data-export="skip" style={{ cursor: 'pointer' }}
        onPointerMove={onMove} onPointerLeave={() => setTip(null)} onClick={(e) => p.onSeek(stepAt(svgPoint(e).x, steps, f))} data-testid="plot.training-loss.overlay" />
    </ChartFrame>
  );
}
