// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createEngineClient, getEngineClient } from '../../src/worker/index';

describe('createEngineClient in jsdom', () => {
  it('falls back to the main thread with the real engine when Worker does not exist', async () => {
    expect(typeof Worker).toBe('undefined');
    const client = createEngineClient();
    const r = await client.run('main', {
      items: [{ req: { kind: 'loss', name: 'SparseCategoricalCrossentropy', y_true: [1, 2], y_pred: [[0.05, 0.95, 0], [0.1, 0.8, 0.1]] }, opts: { dtype: 'float32' } }],
    });
    expect(r.mode).toBe('main-thread');
    const item = r.items[0];
    expect(item.ok && item.result.kind === 'loss' && item.result.value.data[0]).toBeCloseTo(1.1769392, 6);
  });

  it('getEngineClient returns one shared client', () => {
    expect(getEngineClient()).toBe(getEngineClient());
  });
});
