import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/index';
import type { LossResult } from '../../src/engine/types';
import { explainSteps } from '../../src/ui/explain/explain';

describe('explain view of CTC', () => {
  const y_pred = [[[0.5, 1, -0.3], [0.1, 0.2, 1.5], [1.2, -0.4, 0.3], [0, 0.8, 0.6]]];
  const r = evaluate({ kind: 'loss', name: 'CTC', config: {}, y_true: [[1, 1, 1]], y_pred }, { dtype: 'float32', semantics: 'keras3', steps: true }) as LossResult;
  const steps = explainSteps(r, 'ctc', y_pred);
  it('spells log 0 one way in α and β (−inf), not −100000.44 beside −inf', () => {
    const alpha = steps.find((s) => s.name.startsWith('log_alpha'))!;
    const raw = r.steps!.find((s) => s.name.startsWith('log_alpha'))!;
    expect(Array.from(raw.tensor.data).some((v) => v < -5e4 && v > -Infinity)).toBe(true);
    expect(Array.from(alpha.tensor.data).every((v) => v === -Infinity || v > -5e4)).toBe(true);
  });
  it('prints log P in the dtype (float32: 8 significant digits at most)', () => {
    const occ = steps.find((s) => s.name.startsWith('occupancy'))!;
    const n = /log P = (\S+)/.exec(occ.label)![1];
    expect(n.replace(/[-.]/g, '').replace(/e.*$/, '').length).toBeLessThanOrEqual(8);
  });
});
