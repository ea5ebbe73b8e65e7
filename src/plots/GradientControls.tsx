/** Toolbar of the gradient chart: which cell sweeps, what to compare, and the probability axis. */
import type { CompareMode } from './gradientData';

const LABELS: Record<CompareMode, string> = {
  none: 'this loss', focal: 'focal γ (0, 0.5, 2, 5)', smoothing: 'smoothed vs unsmoothed', dtype: 'float32 vs float64',
};

interface Props {
  row: number;
  col: number;
  rows: number;
  cols: number;
  onCell(row: number, col: number): void;
  modes: CompareMode[];
  mode: CompareMode;
  onMode(m: CompareMode): void;
  /** Offered for probability inputs only. */
  space: 'linear' | 'logit' | null;
  onSpace(s: 'linear' | 'logit'): void;
}

const clampInt = (v: string, max: number) => Math.max(0, Math.min(max, Math.floor(Number(v) || 0)));

export function GradientControls(p: Props) {
  const style = { width: '4.5em' };
  return (
    <>
      <label>sample{' '}
        <input type="number" min={0} max={Math.max(0, p.rows - 1)} value={p.row} style={style} data-testid="plot.gradient.sample"
          onChange={(e) => p.onCell(clampInt(e.target.value, p.rows - 1), p.col)} />
      </label>
      <label>class{' '}
        <input type="number" min={0} max={Math.max(0, p.cols - 1)} value={p.col} style={style} data-testid="plot.gradient.class"
          onChange={(e) => p.onCell(p.row, clampInt(e.target.value, p.cols - 1))} />
      </label>
      <label>compare{' '}
        <select value={p.mode} onChange={(e) => p.onMode(e.target.value as CompareMode)} data-testid="plot.gradient.compare">
          {p.modes.map((m) => <option key={m} value={m}>{LABELS[m]}</option>)}
        </select>
      </label>
      {p.space ? (
        <label>x axis{' '}
          <select value={p.space} onChange={(e) => p.onSpace(e.target.value as 'linear' | 'logit')} data-testid="plot.gradient.space">
            <option value="linear">linear</option>
            <option value="logit">logit (shows the clip bounds)</option>
          </select>
        </label>
      ) : null}
    </>
  );
}
