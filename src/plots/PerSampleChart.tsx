/**
 * Per-sample losses: a bar per sample (its colour everywhere), per-entry values as dots, the
 * weights, and the reduction as a reference line. Hover links to the grid row; click selects the
 * sample for the gradient curve. Reads the main result: no extra engine call.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { useMemo, useState, type PointerEvent } from 'react';
import { selectFreshResult } from '../state/selectors';
import { appStore, useStore } from '../state/useStore';
import { AxisBottom, AxisLeft } from './Axis';
import { ChartFrame, type Tip } from './ChartFrame';
import type { ChartCursor } from './cursor';
import { formatNumber, exactNumber } from '../ui/common/format';
import { defaultSelection } from './gradientData';
import { hoverSample, svgPoint, useLinkedSample } from './hover';
import { perSampleData } from './perSample';
import { extentOf } from './domains';
import { NonFiniteMark } from './NonFiniteMark';
import { BACKGROUND, HEIGHT, HIGHLIGHT, MARGIN as M, MAX_BARS, MUTED, REDUCED_COLOUR, SAMPLE_COLOURS, sampleColour } from './theme';
import { useUpdatedMark } from './useChartJob';
import { useStickyDomain } from './useSticky';

const SOURCE = 'chart:per-sample';
/** Labels drawn over bars and lines keep a background-coloured outline, so they read on any bar colour. */
const HALO = { stroke: BACKGROUND, strokeWidth: 3, paintOrder: 'stroke', strokeLinejoin: 'round' } as const;

export function PerSampleChart({ width }: { width: number }) {
  const result = useStore((s) => s.results.main);
  const fresh = useStore((s) => selectFreshResult(s) !== null);
  const revision = useStore((s) => s.revision);
  const answered = useStore((s) => s.results.forDocRevision);
  const dtype = useStore((s) => s.doc.dtype);
  const name = useStore((s) => s.doc.name);
  const epoch = useStore((s) => s.dataEpoch);
  const error = useStore((s) => (s.results.status === 'error' ? s.results.error?.message ?? 'error' : null));
  const data = useMemo(() => (result ? perSampleData(result) : null), [result]);
  const linked = useLinkedSample(data?.shape ?? []);
  const [tip, setTip] = useState<Tip | null>(null);
  const values = data ? data.bars.flatMap((b) => (b.entries ? [b.value, ...b.entries] : [b.value])) : [];
  const sticky = useStickyDomain(`${name}:${data?.bars.length ?? 0}:${epoch}`, extentOf(values, [0, ...(data?.reduced ? [data.reduced.value] : [])]), fresh);
  useUpdatedMark('per-sample', String(revision), fresh);
  if (!data) return <p role="status">{error ?? 'Computing…'}</p>;
  const { bars, reduced } = data;
  // Bars spread over the whole axis, at most ~90 px wide: a two-sample example should not look like a wall.
  const plotW = width - M.left - M.right;
  const pad = bars.length > 60 ? 0 : Math.max(0.2, 1 - 90 / (plotW / Math.max(1, bars.length)));
  const x = scaleBand(bars.map((b) => b.index), [M.left, width - M.right]).paddingInner(pad).paddingOuter(pad / 2);
  const y = scaleLinear(sticky.domain, [HEIGHT - M.bottom, M.top]).nice();
  const y0 = y(Math.max(y.domain()[0], 0));
  const bw = x.bandwidth();
  const many = bars.length > MAX_BARS;
  const showText = bars.length <= 24;
  const clampY = (v: number) => Math.max(M.top, Math.min(HEIGHT - M.bottom, y(v)));
  // A non-finite value has no bar: it is a labelled marker at its sample (NonFiniteMark).
  const barPath = (i: number, v: number) => (Number.isFinite(v) ? `M${x(i)},${y0}V${clampY(v)}h${Math.max(bw, 0.5)}V${y0}Z` : '');
  const at = (e: PointerEvent<SVGRectElement>) => {
    const p = svgPoint(e);
    const k = Math.floor((p.x - x.range()[0] - x.step() * x.paddingOuter()) / x.step());
    return { p, bar: k >= 0 && k < bars.length ? bars[k] : null };
  };
  const tipLines = (bar: (typeof bars)[number]) => {
    const lines = [`sample ${bar.label}`, `loss   ${exactNumber(bar.value)}`];
    if (bar.weight !== null) lines.push(`weight ${exactNumber(bar.weight)}`, `v·w    ${exactNumber(bar.value * bar.weight)}`);
    bar.entries?.forEach((v, j) => lines.push(`[${j}]    ${exactNumber(v)}`));
    return lines;
  };
  const onMove = (e: PointerEvent<SVGRectElement>) => {
    const { p, bar } = at(e);
    hoverSample(SOURCE, bar ? bar.index : null);
    if (!bar) return setTip(null);
    setTip({ x: p.x, y: p.y, lines: tipLines(bar) });
  };
  const select = (index: number) => {
    const { doc, setView } = appStore.getState();
    setView({ selected: [index, doc.view.selected?.[1] ?? defaultSelection(doc, index)[1]] });
  };
  const onClick = (e: PointerEvent<SVGRectElement>) => {
    const { bar } = at(e);
    if (bar) select(bar.index);
  };
  const cursor: ChartCursor = {
    count: bars.length, noun: 'sample',
    show: (k) => {
      const bar = bars[k];
      hoverSample(SOURCE, bar.index);
      setTip({ x: xc(bar.index), y: Number.isFinite(bar.value) ? clampY(bar.value) : M.top, lines: tipLines(bar) });
    },
    clear: () => { hoverSample(SOURCE, null); setTip(null); },
    activate: (k) => select(bars[k].index),
  };
  const xc = Object.assign((i: number) => (x(i) ?? 0) + bw / 2, { range: (): number[] => x.range() });
  const tickEvery = Math.ceil(bars.length / Math.max(1, Math.floor((width - M.left - M.right) / 28)));
  const legend = [
    ...(bars.length <= SAMPLE_COLOURS
      ? bars.map((b) => ({ label: `sample ${b.label}`, colour: sampleColour(b.index), swatch: true }))
      : [{ label: 'per-sample loss (colour = sample, as in the grids)', colour: sampleColour(0), swatch: true }]),
    ...(bars.some((b) => b.entries) ? [{ label: 'per-entry values', colour: MUTED, width: 4 }] : []),
    ...(bars.some((b) => b.weight !== null && b.weight !== 1) ? [{ label: 'weighted (v·w)', colour: HIGHLIGHT, width: 3 }] : []),
    ...(reduced ? [{ label: `${reduced.label} = ${formatNumber(reduced.value, dtype)}`, colour: REDUCED_COLOUR, dash: '6 4' }] : []),
  ];
  const table = {
    caption: `Per-sample values of ${name}${reduced ? `; ${reduced.label} = ${exactNumber(reduced.value)}` : ''}`,
    columns: ['sample', 'loss', 'weight', ...(data.entryCount ? ['per-entry'] : [])],
    rows: bars.map((b) => [b.label, exactNumber(b.value), b.weight === null ? '1 (none)' : exactNumber(b.weight), ...(data.entryCount ? [b.entries?.map(exactNumber).join(', ') ?? ''] : [])]),
  };
  return (
    <ChartFrame id="per-sample" title={`Per-sample loss: ${name}`} description={many ? `${bars.length} samples (drawn as one shape)` : undefined}
      tableVersion={`${answered}:${dtype}`} width={width} height={HEIGHT} legend={legend} table={table} tip={tip} busy={!fresh} cursor={cursor}
      rescale={{ outside: sticky.outside, onRescale: sticky.rescale }}>
      <AxisLeft scale={y} at={M.left} label="per-sample loss" grid={width - M.left - M.right} />
      <AxisBottom scale={xc} at={HEIGHT - M.bottom} label="sample" format={(i) => bars[i]?.label ?? String(i)}
        ticks={bars.filter((_, k) => k % tickEvery === 0).map((b) => b.index)} />
      {many ? (
        <path d={bars.map((b) => barPath(b.index, b.value)).join('')} fill={sampleColour(0)} opacity={0.85} data-testid="plot.per-sample.bars" />
      ) : bars.map((b) => (
        <g key={b.index} data-testid="plot.per-sample.bar" data-index={b.index} data-highlighted={linked === b.index ? 'true' : 'false'}>
          {Number.isFinite(b.value) ? (
            <path d={barPath(b.index, b.value)} fill={sampleColour(b.index)} opacity={b.weight === 0 ? 0.25 : 1}
              stroke={linked === b.index ? HIGHLIGHT : 'none'} strokeWidth={2} data-testid="plot.per-sample.bar-shape" />
          ) : <NonFiniteMark x={xc(b.index)} value={b.value} top={M.top} bottom={HEIGHT - M.bottom} colour={sampleColour(b.index)} what={`sample ${b.label}`} />}
          {b.weight !== null && b.weight !== 1 && Number.isFinite(b.value * b.weight) ? <line x1={x(b.index)} x2={(x(b.index) ?? 0) + bw} y1={clampY(b.value * b.weight)} y2={clampY(b.value * b.weight)} stroke={HIGHLIGHT} strokeWidth={3} /> : null}
          {b.entries && bars.length <= 60 ? b.entries.map((v, j) => (!Number.isFinite(v) ? null :
            <circle key={j} cx={(x(b.index) ?? 0) + ((j + 0.5) * bw) / b.entries!.length} cy={clampY(v)} r={2.2} fill={MUTED} />
          )) : null}
          {showText && Number.isFinite(b.value) ? <text x={(x(b.index) ?? 0) + bw / 2} y={clampY(b.value) - 4} textAnchor="middle" fontSize={10} {...HALO}>{formatNumber(b.value, dtype)}</text> : null}
          {showText && b.weight !== null ? <text x={(x(b.index) ?? 0) + bw / 2} y={y0 - 4} textAnchor="middle" fontSize={10} fill={HIGHLIGHT} {...HALO}>w = {formatNumber(b.weight, dtype)}</text> : null}
        </g>
      ))}
      {many && linked !== null && bars[linked] ? <path d={barPath(linked, bars[linked].value)} fill="none" stroke={HIGHLIGHT} strokeWidth={2} data-testid="plot.per-sample.highlight" /> : null}
      {reduced && Number.isFinite(reduced.value) ? (
        <g data-testid="plot.per-sample.reduction">
          <line x1={M.left} x2={width - M.right} y1={clampY(reduced.value)} y2={clampY(reduced.value)} stroke={REDUCED_COLOUR} strokeDasharray="6 4" strokeWidth={1.5} />
          <text x={width - M.right} y={clampY(reduced.value) - 4} textAnchor="end" fontSize={10} {...HALO}>{reduced.label} = {formatNumber(reduced.value, dtype)}</text>
        </g>
      ) : null}
      <rect x={M.left} y={M.top} width={width - M.left - M.right} height={HEIGHT - M.top - M.bottom} fill="transparent" data-export="skip"
        data-testid="plot.per-sample.overlay" onPointerMove={onMove} onPointerLeave={() => { hoverSample(SOURCE, null); setTip(null); }} onClick={onClick} style={{ cursor: 'pointer' }} />
    </ChartFrame>
  );
}
