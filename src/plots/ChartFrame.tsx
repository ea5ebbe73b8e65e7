/**
 * The frame every chart shares: heading, toolbar (rescale, export SVG / PNG), the SVG with its
 * accessible name and in-SVG legend, a tooltip, and a data table for screen readers.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { stepCursor, type ChartCursor } from './cursor';
import { DataTable, type TableData } from './DataTable';
import { exportPng, exportSvg } from './exportImage';
import { layoutLegend, type LegendItem } from './legend';
import { FONT_SIZE, INK } from './theme';

export interface Tip {
  x: number;
  y: number;
  lines: string[];
}

interface Props {
  /** Chart id: test ids are `plot.<id>`, exports are named `loss-playground-<id>`. */
  id: string;
  title: string;
  description?: string;
  width: number;
  /** Height of the plot area, the legend is added below it. */
  height: number;
  legend: LegendItem[];
  table: TableData;
  /** Identity of the table's data (the job key, the revision): the table is rebuilt only when it changes. */
  tableVersion?: string;
  tip?: Tip | null;
  toolbar?: ReactNode;
  /** Fixed axes whose data went outside: offers Rescale (highlighted when needed). */
  rescale?: { outside: boolean; onRescale(): void };
  busy?: boolean;
  /** Keyboard access to the hover tooltip: the plot takes focus and arrow keys step through it. */
  cursor?: ChartCursor;
  children: ReactNode;
}

export function ChartFrame(p: Props) {
  const svg = useRef<SVGSVGElement>(null);
  const { placed, height: lh } = layoutLegend(p.legend, p.width);
  const H = p.height + lh;
  const name = `loss-playground-${p.id}`;
  const [at, setAt] = useState<number | null>(null);
  const { cursor } = p;
  const count = cursor?.count ?? 0;
  // New data can have fewer points: keep the cursor on one that exists.
  useEffect(() => { if (at !== null && at >= count) setAt(count ? count - 1 : null); }, [at, count]);
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!cursor) return;
    if (e.key === 'Enter' && at !== null && cursor.activate) {
      e.preventDefault();
      cursor.activate(at);
      return;
    }
    const next = stepCursor(at, e.key, count);
    if (next === undefined) return;
    e.preventDefault();
    setAt(next);
    if (next === null) cursor.clear();
    else cursor.show(next);
  };
  const onBlur = () => {
    if (at === null) return;
    setAt(null);
    cursor?.clear();
  };
  return (
    <figure className="chart" data-testid={`plot.${p.id}`} aria-busy={p.busy ? 'true' : 'false'} style={{ margin: 0 }}>
      <figcaption>
        <strong>{p.title}</strong>
        {p.description ? <span className="chart-desc">{p.description}</span> : null}
        <span className="chart-toolbar">
          {p.toolbar}
          {p.rescale ? (
            <button type="button" className="btn small" onClick={p.rescale.onRescale} data-testid={`plot.${p.id}.rescale`}
              title="Axes stay fixed while you edit; fit them to the data now" style={{ fontWeight: p.rescale.outside ? 700 : 400 }}>
              {p.rescale.outside ? 'Rescale (data off axes)' : 'Rescale'}
            </button>
          ) : null}
          <button type="button" className="btn small" onClick={() => svg.current && exportSvg(svg.current, name)} data-testid={`plot.${p.id}.export-svg`}>SVG</button>
          <button type="button" className="btn small" onClick={() => svg.current && void exportPng(svg.current, name)} data-testid={`plot.${p.id}.export-png`}>PNG</button>
        </span>
      </figcaption>
      <div style={{ position: 'relative' }} {...(cursor ? {
        tabIndex: 0, role: 'group', onKeyDown: onKey, onBlur, className: 'chart-plot',
        'aria-label': `${p.title}. Arrow keys step through each ${cursor.noun}${cursor.activate ? ', Enter selects it' : ''}.`,
        'data-testid': `plot.${p.id}.plot`,
      } : {})}>
        <svg ref={svg} viewBox={`0 0 ${p.width} ${H}`} width={p.width} height={H} role="img" aria-label={p.title}
          data-testid={`plot.${p.id}.svg`} fill={INK} style={{ display: 'block', maxWidth: '100%', height: 'auto', overflow: 'visible' }}>
          <title>{p.title}</title>
          {p.children}
          <g className="legend" transform={`translate(0,${p.height + 2})`} fontSize={FONT_SIZE} fill={INK} data-testid={`plot.${p.id}.legend`}>
            {placed.map((it) => (
              <g key={it.label} transform={`translate(${it.x},${it.y})`}>
                {it.swatch
                  ? <rect y={3} width={22} height={9} fill={it.colour} opacity={it.opacity ?? 1} />
                  : <line x2={22} y1={8} y2={8} stroke={it.colour} strokeWidth={it.width ?? 2} strokeDasharray={it.dash} opacity={it.opacity ?? 1} />}
                <text x={28} y={12}>{it.label}</text>
              </g>
            ))}
          </g>
        </svg>
        {p.tip ? (
          <div role="tooltip" className="chart-tooltip" data-testid={`plot.${p.id}.tooltip`} style={{
            position: 'absolute', left: Math.max(0, Math.min(p.tip.x + 12, p.width - 180)), top: Math.max(0, p.tip.y - 8), pointerEvents: 'none', zIndex: 2,
          }}>
            {p.tip.lines.join('\n')}
          </div>
        ) : null}
        {cursor ? (
          <div aria-live="polite" className="visually-hidden" data-testid={`plot.${p.id}.live`}>
            {at !== null && p.tip ? p.tip.lines.join('; ') : ''}
          </div>
        ) : null}
      </div>
      <DataTable id={p.id} data={p.table} version={p.tableVersion} />
    </figure>
  );
}
