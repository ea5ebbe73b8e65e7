/** SVG axes drawn by React from a scale's ticks (d3 computes them; React renders the marks). */
import { formatTick } from '../ui/common/format';
import { FONT_SIZE, GRID, INK, MUTED } from './theme';

/** What an axis needs of a scale: d3 scales qualify, so do wrappers such as a logit-probability axis. */
export interface AxisScale {
  (v: number): number;
  range(): number[];
  ticks?(count?: number): number[];
}

interface AxisProps {
  scale: AxisScale;
  /** Position of the axis line (y for a bottom axis, x for left / right). */
  at: number;
  label: string;
  ticks?: number[];
  count?: number;
  format?: (v: number) => string;
  /** Draw gridlines this long across the plot (left axis only). */
  grid?: number;
  colour?: string;
}

const tickValues = (p: AxisProps) => p.ticks ?? p.scale.ticks?.(p.count ?? 5) ?? [];

export function AxisBottom(p: AxisProps) {
  const [r0, r1] = p.scale.range();
  const format = p.format ?? formatTick;
  return (
    <g className="axis axis-bottom" transform={`translate(0,${p.at})`} fontSize={FONT_SIZE} fill={INK} aria-hidden="true">
      <line x1={r0} x2={r1} stroke={MUTED} />
      {tickValues(p).map((t) => (
        <g key={t} transform={`translate(${p.scale(t)},0)`}>
          <line y2={5} stroke={MUTED} />
          <text y={16} textAnchor="middle">{format(t)}</text>
        </g>
      ))}
      <text x={(r0 + r1) / 2} y={34} textAnchor="middle" fontWeight={600}>{p.label}</text>
    </g>
  );
}

function AxisVertical(p: AxisProps & { side: 'left' | 'right' }) {
  const [r0, r1] = p.scale.range();
  const format = p.format ?? formatTick;
  const s = p.side === 'left' ? -1 : 1;
  const mid = (r0 + r1) / 2;
  return (
    <g className={`axis axis-${p.side}`} transform={`translate(${p.at},0)`} fontSize={FONT_SIZE} fill={p.colour ?? INK} aria-hidden="true">
      <line y1={r0} y2={r1} stroke={MUTED} />
      {tickValues(p).map((t) => (
        <g key={t} transform={`translate(0,${p.scale(t)})`}>
          {p.grid ? <line x2={p.grid} stroke={GRID} /> : null}
          <line x2={5 * s} stroke={MUTED} />
          <text x={8 * s} dy="0.32em" textAnchor={s < 0 ? 'end' : 'start'}>{format(t)}</text>
        </g>
      ))}
      <text transform={`translate(${44 * s},${mid}) rotate(${-90 * s})`} textAnchor="middle" fontWeight={600}>{p.label}</text>
    </g>
  );
}

export const AxisLeft = (p: AxisProps) => <AxisVertical {...p} side="left" />;
export const AxisRight = (p: AxisProps) => <AxisVertical {...p} side="right" />;
