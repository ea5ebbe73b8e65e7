/**
 * A value that cannot be placed on an axis (NaN, ±Infinity), drawn as a labelled marker at its
 * sample instead of a broken path: a triangle at the plot's top edge (NaN, +∞) or bottom (−∞),
 * pointing off the axis, with the value's name above or below it.
 */
import { exactNumber } from '../ui/common/format';
import { BACKGROUND, FONT_SIZE, INK } from './theme';

export const nonFiniteLabel = (v: number): string => (Number.isNaN(v) ? 'NaN' : v > 0 ? '+∞' : '−∞');

interface Props {
  x: number;
  value: number;
  /** Top and bottom of the plot area (pixels). */
  top: number;
  bottom: number;
  colour: string;
  /** Who the value belongs to, for the accessible title, e.g. "sample 0". */
  what: string;
  testId?: string;
}

export function NonFiniteMark({ x, value, top, bottom, colour, what, testId = 'plot.nonfinite' }: Props) {
  const down = value < 0;
  const y = down ? bottom - 7 : top + 7;
  const tip = down ? `M${x - 6},${y - 5}L${x + 6},${y - 5}L${x},${y + 5}Z` : `M${x - 6},${y + 5}L${x + 6},${y + 5}L${x},${y - 5}Z`;
  return (
    <g data-testid={testId} data-value={exactNumber(value)}>
      <title>{`${what}: ${exactNumber(value)}`}</title>
      <path d={tip} fill={colour} stroke={BACKGROUND} strokeWidth={1} />
      <text x={x} y={down ? y - 9 : y + 17} textAnchor="middle" fontSize={FONT_SIZE} fontWeight={700} fill={INK}
        stroke={BACKGROUND} strokeWidth={3} paintOrder="stroke">{nonFiniteLabel(value)}</text>
    </g>
  );
}
