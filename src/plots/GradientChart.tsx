/**
 * Gradient curve: the per-sample loss (left axis) and its gradient (right axis, symlog) as one
 * y_pred entry sweeps its range, the rest of the row held as Keras holds it. Clip bounds shaded,
 * dead-gradient spans marked on the axis, the current point marked; overlays compare settings.
 */
import { scaleLinear, scaleSymlog } from 'd3-scale';
import { line } from 'd3-shape';
import { useState, type PointerEvent } from 'react';
import { useStore } from '../state/useStore';
import { linkStore } from '../ui/common/linking';
import { AxisBottom, AxisLeft, AxisRight } from './Axis';
import { ChartFrame, type Tip } from './ChartFrame';
import type { ChartCursor } from './cursor';
import { extentOf, finite } from './domains';
import { formatNumber, exactNumber, formatTick } from '../ui/common/format';
import { compareModes, curveVariants, deadSpans, defaultSelection, gradientView, logit, logitTicks, spaced, symlogTicks } from './gradientData';
import { svgPoint } from './hover';
import { GradientControls } from './GradientControls';
import { NonFiniteMark, nonFiniteLabel } from './NonFiniteMark';
import { gradientJob, notApplicable } from './jobs';
import { nearestIndex } from './sweepData';
import { BACKGROUND, CLIP_FILL, DEAD_COLOUR, HEIGHT, INK, MARGIN as M, MUTED, VARIANT_COLOURS } from './theme';
import { ChartStatus, useChartDoc } from './useChartDoc';
import { useChartJob, useUpdatedMark } from './useChartJob';
import { useStickyDomain } from './useSticky';

const SOURCE = 'chart:gradient';
const H = HEIGHT + 20;

export function GradientChart({ width }: { width: number }) {
  const { doc, revision, epoch } = useChartDoc();
  const setView = useStore((s) => s.setView);
  const { mode, space } = gradientView(doc);
  const [tip, setTip] = useState<Tip | null>(null);
  const [row, col] = doc.view.selected ?? defaultSelection(doc);
  const na = notApplicable(doc, 'gradient');
  const job = useChartJob(doc, revision, (d, rev) => {
    const [r, c] = d.view.selected ?? defaultSelection(d);
    const v = gradientView(d);
    return notApplicable(d, 'gradient') ? null
      : { key: `gradient:${rev}:${r}:${c}:${v.space}:${v.mode}`, build: () => gradientJob(d, r, c, v.space, curveVariants(d, v.mode)) };
  });
  const key = job.wanted;
  const c = job.data?.curve ?? null;
  // Fixed only once the first curve arrives: the axes follow the first real data, not a placeholder.
  const lossDom = useStickyDomain(`l:${doc.name}:${row}:${col}:${space}:${mode}:${epoch}`, extentOf(finite(...(c?.curves.map((v) => v.loss) ?? [])), [0]), c !== null && job.key === key);
  const gradDom = useStickyDomain(`g:${doc.name}:${row}:${col}:${space}:${mode}:${epoch}`, extentOf(finite(...(c?.curves.map((v) => v.grad) ?? [])), [0], 0), c !== null && job.key === key);
  useUpdatedMark('gradient', key, job.fresh, job.ms);
  if (na) return <ChartStatus id="gradient" text={na} />;
  if (job.error) return <ChartStatus id="gradient" text={`${job.error} Pick another sample or class.`} error />;
  if (!c) return <ChartStatus id="gradient" text="Computing the curve…" />;
  const logitAxis = c.space === 'logit';
  const inner = logitAxis ? Array.from(c.xs).filter((v) => v > 0 && v < 1).map(logit) : [];
  const [lLo, lHi] = logitAxis ? [Math.min(...inner) - 0.5, Math.max(...inner) + 0.5] : [0, 0];
  const tx = (v: number) => (logitAxis ? Math.max(lLo, Math.min(lHi, logit(v))) : v);
  const lin = scaleLinear([tx(c.xs[0]), tx(c.xs[c.xs.length - 1])], [M.left, width - M.right]);
  const x = Object.assign((v: number) => lin(tx(v)), { range: (): number[] => lin.range(), ticks: (n?: number) => (logitAxis ? [] : lin.ticks(n)) });
  const yl = scaleLinear(lossDom.domain, [H - M.bottom, M.top]).nice();
  const yr = scaleSymlog(gradDom.domain, [H - M.bottom, M.top]);
  const clampY = (v: number) => Math.max(M.top, Math.min(H - M.bottom, v));
  const pathOf = (ys: Float64Array, s: (v: number) => number) =>
    line<number>((_, m) => x(c.xs[m]), (v) => clampY(s(v))).defined((v, m) => Number.isFinite(v) && Number.isFinite(tx(c.xs[m])))(Array.from(ys)) ?? '';
  const [lo, hi] = [c.xs[0], c.xs[c.xs.length - 1]];
  const bands = c.clip ? [[lo, Math.min(hi, c.clip[0])], [Math.max(lo, c.clip[1]), hi]].filter(([a, b]) => b > a) : [];
  const dead = deadSpans(c.xs, c.curves[0].grad);
  // The current value can lie beyond the swept range (a logit of 2 typed as a probability): mark the edge and say so.
  const onAxis = c.x0 >= lo && c.x0 <= hi;
  const cx = x(Math.max(lo, Math.min(hi, c.x0)));
  const nearEnd = cx > width - M.right - 140;
  const matrix = Array.isArray(doc.y_pred) && Array.isArray(doc.y_pred[0]) && !Array.isArray(doc.y_pred[0][0]);
  const what = c.input === 'probability' ? 'probability' : c.input === 'logit' ? 'logit' : 'predicted value';
  const showAt = (n: number, pt: { x: number; y: number }) => {
    // The swept cell is y_pred[row][col] only for [batch, classes] inputs on the last axis.
    const flat = matrix && (doc.config.axis === undefined || doc.config.axis === -1 || doc.config.axis === 1);
    linkStore.getState().setHover({ sample: c.row, cell: flat ? { field: 'y_pred', index: [c.row, c.col] } : null, source: SOURCE });
    setTip({ x: pt.x, y: pt.y, lines: [`x = ${exactNumber(c.xs[n])}`, ...c.curves.flatMap((v) => [`${v.label}: v = ${exactNumber(v.loss[n])}`, `  ∂v/∂x = ${exactNumber(v.grad[n])}`])] });
  };
  const onMove = (e: PointerEvent<SVGRectElement>) => {
    const pt = svgPoint(e);
    showAt(nearestIndex(Array.from(c.xs, (v) => x(v)), pt.x), pt);
  };
  const cursor: ChartCursor = {
    count: c.xs.length, noun: 'point of the curve',
    show: (n) => showAt(n, { x: x(c.xs[n]), y: Number.isFinite(c.curves[0].loss[n]) ? clampY(yl(c.curves[0].loss[n])) : M.top }),
    clear: () => { linkStore.getState().clear(SOURCE); setTip(null); },
  };
  const legend = [
    ...c.curves.map((v, i) => ({ label: `${v.label}: loss`, colour: VARIANT_COLOURS[i % VARIANT_COLOURS.length] })),
    { label: 'gradient (dashed, right axis)', colour: MUTED, dash: '5 3' },
    ...(c.clip ? [{ label: 'clipped by Keras', colour: CLIP_FILL, swatch: true, opacity: 0.5 }] : []),
    ...(dead.length ? [{ label: 'gradient exactly 0', colour: DEAD_COLOUR, width: 5 }] : []),
  ];
  const table = {
    caption: `Loss and gradient of sample ${c.row} as y_pred entry ${c.col} (${what}) varies; current ${exactNumber(c.x0)}`,
    columns: ['x', ...c.curves.flatMap((v) => [`${v.label} loss`, `${v.label} gradient`])],
    rows: Array.from(c.xs, (xv, n) => [exactNumber(xv), ...c.curves.flatMap((v) => [exactNumber(v.loss[n]), exactNumber(v.grad[n])])]),
  };
  const toolbar = (
    <GradientControls row={c.row} col={c.col} rows={c.count} cols={c.D} onCell={(r, k) => setView({ selected: [r, k] })}
      modes={compareModes(doc)} mode={mode} onMode={(m) => setView({ compare: m === 'none' ? undefined : m })}
      space={c.input === 'probability' ? space : null} onSpace={(s) => setView({ space: s === 'linear' ? undefined : s })} />
  );
  return (
    <ChartFrame id="gradient" title={`Loss and gradient of sample ${c.row} against y_pred entry ${c.col}`}
      description={`x = the entry's ${what}; the rest of the row is held${c.input === 'probability' && c.clip && c.clip[1] > 1 ? ' (Keras renormalises the row)' : ''}`}
      tableVersion={job.key ?? undefined} width={width} height={H} legend={legend} table={table} tip={tip} toolbar={toolbar} busy={job.pending} cursor={cursor}
      rescale={{ outside: lossDom.outside || gradDom.outside, onRescale: () => { lossDom.rescale(); gradDom.rescale(); } }}>
      {bands.map(([a, b], i) => (
        <rect key={i} x={x(a)} width={Math.max(2, x(b) - x(a))} y={M.top} height={H - M.top - M.bottom} fill={CLIP_FILL} opacity={0.35} data-testid="plot.gradient.clip" />
      ))}
      <AxisLeft scale={yl} at={M.left} label="per-sample loss v" grid={width - M.left - M.right} />
      <AxisRight scale={yr} at={width - M.right} label="∂v/∂x (symlog)" ticks={spaced(symlogTicks(gradDom.domain), yr)} />
      <AxisBottom scale={x} at={H - M.bottom} label={`y_pred[${c.row}][${c.col}] (${what})`} ticks={logitAxis ? logitTicks(lLo, lHi) : undefined}
        format={logitAxis ? (v) => (v === 0.5 ? '0.5' : v < 0.5 || 1 - v >= 0.01 ? formatTick(v) : `1−${formatTick(Number((1 - v).toPrecision(1)))}`) : undefined} />
      <line x1={M.left} x2={width - M.right} y1={yr(0)} y2={yr(0)} stroke={MUTED} strokeWidth={0.5} />
      {c.curves.map((v, i) => {
        const colour = VARIANT_COLOURS[i % VARIANT_COLOURS.length];
        return (
          <g key={v.label} data-testid="plot.gradient.curve" data-label={v.label}>
            <path d={pathOf(v.loss, yl)} fill="none" stroke={colour} strokeWidth={2} data-testid="plot.gradient.loss" />
            <path d={pathOf(v.grad, yr)} fill="none" stroke={colour} strokeWidth={1.5} strokeDasharray="5 3" data-testid="plot.gradient.grad" />
            {Number.isFinite(v.current.loss)
              ? (onAxis ? <circle cx={cx} cy={clampY(yl(v.current.loss))} r={4.5} fill={colour} stroke={BACKGROUND} data-testid="plot.gradient.current" /> : null)
              : <NonFiniteMark x={cx} value={v.current.loss} top={M.top} bottom={H - M.bottom} colour={colour} what={`${v.label}: loss at the current value`} />}
            {Number.isFinite(v.current.grad) && onAxis
              ? <circle cx={cx} cy={clampY(yr(v.current.grad))} r={3.5} fill={BACKGROUND} stroke={colour} strokeWidth={2} />
              : null}
          </g>
        );
      })}
      {dead.map(([a, b], i) => (
        <g key={i} data-testid="plot.gradient.dead">
          <line x1={x(a)} x2={Math.max(x(a) + 3, x(b))} y1={H - M.bottom - 2} y2={H - M.bottom - 2} stroke={DEAD_COLOUR} strokeWidth={5} />
        </g>
      ))}
      <line x1={cx} x2={cx} y1={M.top} y2={H - M.bottom} stroke={MUTED} strokeDasharray="2 2" data-testid="plot.gradient.current-x" />
      <text x={nearEnd ? cx - 4 : cx + 4} y={M.top + 10} fontSize={10} fill={MUTED} textAnchor={nearEnd ? 'end' : 'start'}>
        current {formatNumber(c.x0, doc.dtype)}{onAxis ? '' : c.x0 > hi ? ' →, beyond this axis' : ' ←, beyond this axis'}
      </text>
      {!Array.prototype.some.call(c.curves[0].loss, Number.isFinite) ? (
        <text x={(M.left + width - M.right) / 2} y={(M.top + H - M.bottom) / 2} textAnchor="middle" fontSize={12} fill={INK} data-testid="plot.gradient.no-loss">
          {width < 600 ? `loss: ${nonFiniteLabel(c.curves[0].loss[0])} for every x (see Pitfalls)`
            : `The loss is ${nonFiniteLabel(c.curves[0].loss[0])} for every x: another entry of this row makes it so (see Pitfalls).`}
        </text>
      ) : null}
      <rect x={M.left} y={M.top} width={width - M.left - M.right} height={H - M.top - M.bottom} fill="transparent" data-export="skip"
        onPointerMove={onMove} onPointerLeave={() => { linkStore.getState().clear(SOURCE); setTip(null); }} data-testid="plot.gradient.overlay" />
    </ChartFrame>
  );
}
