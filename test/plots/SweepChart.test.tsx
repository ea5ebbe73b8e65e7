// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { gammaSweep, labelSmoothingSweep, type LossRequest } from '../../src/engine/index';
import { SweepChart } from '../../src/plots/SweepChart';
import { linkStore } from '../../src/ui/common/linking';
import { pointer, rounded } from './helpers';

afterEach(cleanup);

const req: LossRequest = { kind: 'loss', name: 'BinaryFocalCrossentropy', y_true: [[0, 1], [1, 1]], y_pred: [[0.3, 0.6], [0.8, 0.2]] };
const chart = (s: ReturnType<typeof gammaSweep>, linked: number | null = null) => (
  <SweepChart id="gamma-sweep" title="focal" sweep={s} width={600} height={240} xLabel="gamma" dtype="float32" stickyKey="k" linked={linked} />
);

describe('SweepChart', () => {
  it('draws thin per-sample lines, thick reduced lines and the current gamma (snapshot)', () => {
    render(chart(gammaSweep(req, {}, { points: 11 })));
    expect(screen.getAllByTestId('plot.gamma-sweep.line')).toHaveLength(4);
    expect(screen.getAllByTestId('plot.gamma-sweep.reduced')).toHaveLength(2);
    expect(screen.getByTestId('plot.gamma-sweep.legend').textContent).toContain('current gamma = 2');
    expect(rounded(screen.getByTestId('plot.gamma-sweep.svg'))).toMatchSnapshot();
  });

  it('keeps its axes while the parameter moves, and offers Rescale when the data leaves them', () => {
    const { rerender } = render(chart(labelSmoothingSweep({ ...req, config: { label_smoothing: 0 } }, {}, { points: 6 })));
    const ticks = () => Array.from(screen.getByTestId('plot.gamma-sweep.svg').querySelectorAll('.axis-left text')).map((t) => t.textContent);
    const before = ticks();
    const x0 = screen.getByTestId('plot.gamma-sweep.current').getAttribute('x1');
    rerender(chart(labelSmoothingSweep({ ...req, config: { label_smoothing: 0.6 } }, {}, { points: 6 })));
    expect(screen.getByTestId('plot.gamma-sweep.current').getAttribute('x1')).not.toBe(x0);
    expect(ticks()).toEqual(before);
    rerender(chart(gammaSweep({ ...req, y_pred: [[0.999, 0.001], [0.001, 0.001]] }, {}, { points: 6 })));
    expect(ticks()).toEqual(before);
    expect(screen.getByTestId('plot.gamma-sweep.rescale').textContent).toBe('Rescale (data off axes)');
    fireEvent.click(screen.getByTestId('plot.gamma-sweep.rescale'));
    expect(screen.getByTestId('plot.gamma-sweep.rescale').textContent).toBe('Rescale');
  });

  it('highlights the linked sample and links the line under the pointer', () => {
    render(chart(gammaSweep(req, {}, { points: 11 }), 1));
    const lines = screen.getAllByTestId('plot.gamma-sweep.line');
    expect(lines.filter((l) => l.getAttribute('data-highlighted') === 'true').map((l) => l.getAttribute('data-sample'))).toEqual(['1', '1']);
    pointer(screen.getByTestId('plot.gamma-sweep.overlay'), 'pointermove', 300, 120);
    expect(screen.getByTestId('plot.gamma-sweep.tooltip').textContent).toMatch(/^gamma = /);
    linkStore.getState().clear();
  });
});

describe('SweepChart legend', () => {
  it('labels each sample line with its sample, in its colour', () => {
    render(chart(gammaSweep(req, {}, { points: 11 })));
    const legend = screen.getByTestId('plot.gamma-sweep.legend');
    expect(legend.textContent).toContain('sample 0');
    expect(legend.textContent).toContain('sample 1');
    const strokes = [...legend.querySelectorAll('line')].map((l) => l.getAttribute('stroke'));
    expect(strokes).toContain('var(--sample-0)');
    expect(strokes).toContain('var(--sample-1)');
  });
});
