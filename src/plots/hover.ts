/** Chart side of hover linking (ui/linking.ts): which sample is linked, and setting it from a chart. */
import { useShallow } from 'zustand/react/shallow';
import { linkStore, useLink } from '../ui/common/linking';
import { sampleOfLink } from './perSample';

/** The flat per-sample index the grids (or another chart) point at, or null. */
export function useLinkedSample(shape: number[]): number | null {
  const link = useLink(useShallow((s) => ({ sample: s.sample, cell: s.cell })));
  return sampleOfLink(link, shape);
}

export function hoverSample(source: string, sample: number | null): void {
  if (sample === null) linkStore.getState().clear(source);
  else if (linkStore.getState().sample !== sample || linkStore.getState().source !== source) linkStore.getState().setHover({ sample, source });
}

/** Pointer x (in SVG user units) of an event on an element inside an SVG with a viewBox. */
export function svgPoint(e: { clientX: number; clientY: number; currentTarget: Element }): { x: number; y: number } {
  const svg = (e.currentTarget as SVGElement).ownerSVGElement ?? (e.currentTarget as SVGSVGElement);
  const r = svg.getBoundingClientRect();
  const vb = svg.viewBox?.baseVal;
  const sx = vb && r.width ? vb.width / r.width : 1;
  const sy = vb && r.height ? vb.height / r.height : 1;
  return { x: (e.clientX - r.left) * sx, y: (e.clientY - r.top) * sy };
}
