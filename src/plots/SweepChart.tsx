/**
 * A loss-against-parameter chart: one thin line per sample (its colour), the reduced loss thick,
 * the parameter's current value marked. Axes stay fixed while the parameter moves (Rescale to fit).
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { useMemo, useState, type PointerEvent } from 'react';
import type { Sweep } from '../engine/sweep';
import { AxisBottom, AxisLeft } from './Axis';
import { ChartFrame, type Tip } from './ChartFrame';
import type { ChartCursor } from './cursor';
import { formatNumber, exactNumber } from '../ui/common/format';
import { hoverSample, svgPoint } from './hover';
import { nearestIndex, sweepDomain, sweepLines, sweepTable, valueAt } from './sweepData';
import { LINE, MARGIN as M, MUTED, REDUCED_COLOUR, SAMPLE_COLOURS, sampleColour } from './theme';
import { useStickyDomain } from './useSticky';

interface Props {
  id: string;
  title: string;
  description?: string;
  sweep: Sweep;
  width: number;
  height: number;
  xLabel: string;
  yLabel?: string;
  dtype: 'float32' | 'float64';
  /** What the axes belong to: they rescale only when this changes (or on Rescale). */
  stickyKey: string;
  linked: number | null;
  busy?: boolean;
  /** Identity of `sweep` (the job key): the data table is rebuilt only when it changes. */
  version?: string;
}

export function SweepChart(p: Props) {
  const { sweep: s, width, height } = p;
  const lines = useMemo(() => sweepLines(s), [s]);
  const sticky = useStickyDomain(p.stickyKey, sweepDomain(lines), !p.busy);
  // Built once per sweep: the chart re-renders on hover and while the next sweep is computed.
  const table = useMemo(() => sweepTable(s, lines, `${p.title}: loss at each ${s.param}`), [s, lines, p.title]);
  const [tip, setTip] = useState<Tip | null>(null);
  const source = `chart:${p.id}`;
  const x = scaleLinear([s.xs[0], s.xs[s.xs.length - 1]], [M.left, width - M.right]);
  const y = scaleLinear(sticky.domain, [height - M.bottom, M.top]).nice();
  const [yLo, yHi] = y.range();
  const path = line<number>((_, n) => x(s.xs[n]), (v) => Math.max(yHi, Math.min(yLo, y(v)))).defined((v) => Number.isFinite(v));
  const onMove = (e: PointerEvent<SVGRectElement>) => {
    const pt = svgPoint(e);
    const n = nearestIndex(s.xs, x.invert(pt.x));
    // The sample whose line passes closest to the pointer is the one linked to the grid.
    let near: number | null = null, dist = 12;
    for (const l of lines) if (l.sample !== null && Math.abs(y(l.ys[n]) - pt.y) < dist) { dist = Math.abs(y(l.ys[n]) - pt.y); near = l.sample; }
    hoverSample(source, near);
    const shown = lines.filter((l) => l.sample === null || l.sample === near || lines.length <= 10);
    setTip({ x: pt.x, y: pt.y, lines: [`${s.param} = ${exactNumber(s.xs[n])}`, ...shown.map((l) => `${l.label}: ${exactNumber(l.ys[n])}`)] });
  };
  const cursor: ChartCursor = {
    count: s.xs.length, noun: `${s.param} value`,
    show: (n) => {
      const reducedLine = lines.find((l) => l.sample === null) ?? lines[0];
      const shown = lines.length <= 10 ? lines : lines.filter((l) => l.sample === null);
      setTip({ x: x(s.xs[n]), y: y(reducedLine.ys[n]), lines: [`${s.param} = ${exactNumber(s.xs[n])}`, ...shown.map((l) => `${l.label}: ${exactNumber(l.ys[n])}`)] });
    },
    clear: () => setTip(null),
  };
  const legend = [
    // Each sample's line in its colour (as in the grids and the per-sample bars); many samples share one entry.
    ...(s.samples.length && s.samples.length <= SAMPLE_COLOURS && s.count === s.samples.length
      ? s.samples.map((k) => ({ label: `sample ${k}`, colour: sampleColour(k), width: 2 }))
      : s.samples.length ? [{ label: `per sample (${s.samples.length}${s.count > s.samples.length ? ` of ${s.count}` : ''}), coloured as in the grids`, colour: MUTED, width: LINE.sample }] : []),
    ...s.curves.filter((c) => c.reduced).map((c, v) => ({ label: s.curves.length > 1 ? `reduced, ${c.label}` : 'reduced loss', colour: REDUCED_COLOUR, width: LINE.reduced, dash: v ? '6 3' : undefined })),
    { label: `current ${s.param} = ${formatNumber(s.current, p.dtype)}`, colour: MUTED, dash: '2 2' },
  ];
  const cx = x(Math.max(s.xs[0], Math.min(s.xs[s.xs.length - 1], s.current)));
  return (
    <ChartFrame id={p.id} title={p.title} description={p.description} width={width} height={height} legend={legend} tip={tip} busy={p.busy} cursor={cursor}
      table={table} tableVersion={p.version} rescale={{ outside: sticky.outside, onRescale: sticky.rescale }}>
      <defs><clipPath id={`clip-${p.id}`}><rect x={M.left} y={M.top} width={width - M.left - M.right} height={height - M.top - M.bottom} /></clipPath></defs>
      <AxisLeft scale={y} at={M.left} label={p.yLabel ?? 'loss'} grid={width - M.left - M.right} />
      <AxisBottom scale={x} at={height - M.bottom} label={p.xLabel} />
      <g clipPath={`url(#clip-${p.id})`}>
        {lines.map((l) => {
          const hi = p.linked !== null && l.sample === p.linked;
          const dim = p.linked !== null && l.sample !== null && !hi;
          return (
            <path key={l.key} d={path(Array.from(l.ys)) ?? ''} fill="none" stroke={l.colour}
              strokeWidth={hi ? LINE.highlighted : l.width} strokeDasharray={l.dash} opacity={dim ? 0.3 : 1}
              data-testid={l.sample === null ? `plot.${p.id}.reduced` : `plot.${p.id}.line`} data-sample={l.sample ?? undefined} data-highlighted={hi ? 'true' : undefined} />
          );
        })}
      </g>
      <line x1={cx} x2={cx} y1={M.top} y2={height - M.bottom} stroke={MUTED} strokeDasharray="2 2" data-testid={`plot.${p.id}.current`} />
      {s.curves.map((c, v) => (c.reduced ? <circle key={v} cx={cx} cy={y(valueAt(s.xs, c.reduced, s.current))} r={4} fill={REDUCED_COLOUR} /> : null))}
      <rect x={M.left} y={M.top} width={width - M.left - M.right} height={height - M.top - M.bottom} fill="transparent" data-export="skip"
        onPointerMove={onMove} onPointerLeave={() => { hoverSample(source, null); setTip(null); }} data-testid={`plot.${p.id}.overlay`} />
    </ChartFrame>
  );
}
