/**
 * CTC lattice of one sample: occupancy γ_t(s) over time x extended-label states (blank rows
 * lighter), the most likely path on top, and below it the per-time gradient w.r.t. the logits.
 */
import { scaleBand } from 'd3-scale';
import { useState, type PointerEvent } from 'react';
import { useStore } from '../state/useStore';
import { AxisBottom, AxisLeft } from './Axis';
import { ChartFrame, type Tip } from './ChartFrame';
import type { ChartCursor } from './cursor';
import { decodePath, gradientCells, gradientScale, latticeTable, occupancyCells, stateLabels } from './ctcData';
import { formatNumber, exactNumber } from '../ui/common/format';
import { hoverSample, svgPoint } from './hover';
import { ctcJob, notApplicable } from './jobs';
import { divergingColour, HIGHLIGHT, MARGIN as M, MUTED, occupancyColour } from './theme';
import { jobStatus, useChartDoc } from './useChartDoc';
import { useTabJob } from './useChartJob';

const SOURCE = 'chart:ctc';
const clamp = (v: number, a: number, b: number) => Math.max(a, Math.min(b, v));

export function CtcChart({ width }: { width: number }) {
  const { doc, revision } = useChartDoc();
  const setView = useStore((s) => s.setView);
  const [tip, setTip] = useState<Tip | null>(null);
  const { na, job } = useTabJob('ctc', doc, revision, (d) => {
    const sample = d.view.selected?.[0] ?? 0;
    return { key: `${sample}`, build: () => ctcJob(d, sample) };
  });
  const status = jobStatus('ctc', na, job, 'Computing the lattice…');
  if (status || !job.data) return status;
  const lat = job.data.lattice;
  const S = lat.extended.length;
  const labels = stateLabels(lat.extended);
  const rowH = clamp(200 / S, 8, 22), gradH = clamp(140 / lat.C, 6, 16);
  const top = M.top, topH = S * rowH, gTop = top + topH + 60, gH = lat.C * gradH;
  const H = gTop + gH + M.bottom;
  const x = scaleBand(Array.from({ length: lat.T }, (_, t) => t), [M.left, width - M.right]).padding(0.04);
  const ys = (s: number) => top + s * rowH, yg = (k: number) => gTop + k * gradH;
  const gmax = gradientScale(lat);
  const cx = (t: number) => (x(t) ?? 0) + x.bandwidth() / 2;
  const xc = Object.assign(cx, { range: (): number[] => x.range() });
  const every = (n: number, px: number, span: number) => Math.max(1, Math.ceil(n / Math.max(1, Math.floor(span / px))));
  const tTicks = Array.from({ length: lat.T }, (_, t) => t).filter((t) => t % every(lat.T, 24, width - M.left - M.right) === 0);
  const band = (y0: number, h: number, n: number) => Object.assign((i: number) => y0 + (i + 0.5) * h, { range: (): number[] => [y0, y0 + n * h] });
  const sTicks = labels.map((_, s) => s).filter((s) => s % every(S, 11, topH) === 0);
  const kTicks = Array.from({ length: lat.C }, (_, k) => k).filter((k) => k % every(lat.C, 11, gH) === 0);
  const onMove = (e: PointerEvent<SVGRectElement>) => {
    const p = svgPoint(e);
    const t = Math.floor((p.x - M.left) / x.step());
    if (t < 0 || t >= lat.T) return setTip(null);
    hoverSample(SOURCE, lat.sample);
    if (p.y < top + topH) {
      const s = clamp(Math.floor((p.y - top) / rowH), 0, S - 1);
      setTip({ x: p.x, y: p.y, lines: [`t = ${t}, state s${s} (${s % 2 ? `label ${labels[s]}` : 'blank'})`, `γ = ${exactNumber(lat.occupancy[t * S + s])}`, ...(lat.bestPath[t] === s ? ['on the best path'] : [])] });
    } else {
      const k = clamp(Math.floor((p.y - gTop) / gradH), 0, lat.C - 1);
      setTip({ x: p.x, y: p.y, lines: [`t = ${t}, class ${k}`, `∂v/∂z = ${exactNumber(lat.grad[t * lat.C + k])}`] });
    }
  };
  const cursor: ChartCursor = {
    count: lat.T, noun: 'time step',
    show: (t) => {
      hoverSample(SOURCE, lat.sample);
      const s = lat.bestPath[t];
      const k = Array.from({ length: lat.C }, (_, j) => j).reduce((a, j) => (Math.abs(lat.grad[t * lat.C + j]) > Math.abs(lat.grad[t * lat.C + a]) ? j : a), 0);
      setTip({ x: cx(t), y: ys(s) + rowH / 2, lines: [
        `t = ${t}, best path at s${s} (${s % 2 ? `label ${labels[s]}` : 'blank'})`, `γ = ${exactNumber(lat.occupancy[t * S + s])}`,
        `largest |∂v/∂z|: class ${k}, ${exactNumber(lat.grad[t * lat.C + k])}`,
      ] });
    },
    clear: () => { hoverSample(SOURCE, null); setTip(null); },
  };
  const legend = [
    { label: 'occupancy γ 0', colour: occupancyColour(0), swatch: true }, { label: 'γ 1', colour: occupancyColour(1), swatch: true },
    ...(lat.feasible ? [{ label: 'best path', colour: HIGHLIGHT, width: 2 }] : []),
    { label: `∂v/∂z −${formatNumber(gmax)}`, colour: divergingColour(-1), swatch: true }, { label: `+${formatNumber(gmax)}`, colour: divergingColour(1), swatch: true },
  ];
  const decoded = decodePath(lat);
  const sampleInput = (
    <label>sample{' '}
      <input type="number" min={0} max={lat.count - 1} value={lat.sample} style={{ width: '4.5em' }} data-testid="plot.ctc.sample"
        onChange={(e) => setView({ selected: [clamp(Math.floor(Number(e.target.value) || 0), 0, lat.count - 1), 0] })} />
    </label>
  );
  return (
    <ChartFrame id="ctc" title={`CTC lattice of sample ${lat.sample}: labels [${lat.labels.join(', ')}]`}
      description={lat.feasible ? `loss ${formatNumber(lat.loss, doc.dtype)} = −log P; best path decodes to [${decoded.join(', ')}]`
        : `loss ${formatNumber(lat.loss, doc.dtype)}: no alignment exists (T = ${lat.T} is too short for this label), so there is no best path; the loss is infinite in theory`}
      tableVersion={job.key ?? undefined} width={width} height={H} legend={legend} table={latticeTable(lat)} tip={tip} toolbar={sampleInput} busy={job.pending} cursor={cursor}>
      <g data-testid="plot.ctc.occupancy">
        {occupancyCells(lat).map((c) => (
          <rect key={`${c.col}:${c.row}`} x={x(c.col)} y={ys(c.row)} width={x.bandwidth()} height={rowH - 1}
            fill={occupancyColour(c.value)} opacity={c.row % 2 === 0 ? 0.55 : 1} />
        ))}
      </g>
      {/* Without an alignment the decoded "best path" would name a label sequence that is not the label: none is drawn. */}
      {lat.feasible ? <path d={lat.bestPath.map((s, t) => `${t ? 'L' : 'M'}${cx(t)},${ys(s) + rowH / 2}`).join('')} fill="none" stroke={HIGHLIGHT} strokeWidth={2} data-testid="plot.ctc.path" /> : null}
      {lat.feasible ? lat.bestPath.map((s, t) => <circle key={t} cx={cx(t)} cy={ys(s) + rowH / 2} r={2.5} fill={HIGHLIGHT} />) : null}
      <AxisLeft scale={band(top, rowH, S)} at={M.left} label="state" ticks={sTicks} format={(s) => labels[s]} colour={MUTED} />
      <AxisBottom scale={xc} at={top + topH + 2} label="time step t" ticks={tTicks} format={String} />
      <g data-testid="plot.ctc.gradient">
        {gradientCells(lat).map((c) => (
          <rect key={`${c.col}:${c.row}`} x={x(c.col)} y={yg(c.row)} width={x.bandwidth()} height={gradH - 1} fill={divergingColour(c.value / gmax)} />
        ))}
      </g>
      <AxisLeft scale={band(gTop, gradH, lat.C)} at={M.left} label="class" ticks={kTicks} format={String} />
      <text x={M.left} y={gTop - 6} fontSize={11} fill={MUTED}>{width < 520 ? '∂v/∂z per time step' : "∂v/∂z per time step (softmax − occupancy of the class's states)"}</text>
      <rect x={M.left} y={top} width={width - M.left - M.right} height={H - top - M.bottom} fill="transparent" data-export="skip"
        onPointerMove={onMove} onPointerLeave={() => { hoverSample(SOURCE, null); setTip(null); }} data-testid="plot.ctc.overlay" />
    </ChartFrame>
  );
}
