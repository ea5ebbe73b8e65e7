/** Legend entries laid out in rows inside the SVG (so exports carry them). Pure. */
export interface LegendItem {
  label: string;
  colour: string;
  /** Line dash pattern, e.g. '4 3'. */
  dash?: string;
  width?: number;
  /** A filled swatch instead of a line (bars, shaded bands). */
  swatch?: boolean;
  opacity?: number;
}

export interface PlacedItem extends LegendItem { x: number; y: number }

export const LEGEND_ROW = 16;
const CHAR = 6.2;
const SWATCH = 22;

/** Items placed left to right, wrapping at `width`; returns them and the rows' total height. */
export function layoutLegend(items: LegendItem[], width: number, left = 8): { placed: PlacedItem[]; height: number } {
  let x = left, row = 0;
  const placed = items.map((it) => {
    const w = SWATCH + 6 + it.label.length * CHAR + 14;
    if (x + w > width && x > left) { x = left; row++; }
    const p = { ...it, x, y: row * LEGEND_ROW };
    x += w;
    return p;
  });
  return { placed, height: items.length ? (row + 1) * LEGEND_ROW + 4 : 0 };
}
