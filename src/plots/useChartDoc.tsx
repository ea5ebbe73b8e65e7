/** What the worker-fed charts read from the store: the doc, its revision and the per-sample shape for linking. */
import { useMemo, type ReactElement } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ExampleDoc } from '../document/document';
import { useStore } from '../state/useStore';
import { useLinkedSample } from './hover';

const EMPTY: number[] = [];

/** `epoch` changes when new data arrives (a pasted tensor): part of a chart's sticky-axes key, so new data refits them. */
export function useChartDoc(): { doc: ExampleDoc; revision: number; epoch: number; linked: number | null } {
  const { doc, revision, epoch } = useStore(useShallow((s) => ({ doc: s.doc, revision: s.revision, epoch: s.dataEpoch })));
  // By value: every result carries a new shape array, and a chart should not re-render for it.
  const shapeKey = useStore((s) => (s.results.main && s.results.main.kind !== 'metric' ? s.results.main.perSample.shape.join(',') : ''));
  const shape = useMemo(() => (shapeKey ? shapeKey.split(',').map(Number) : EMPTY), [shapeKey]);
  return { doc, revision, epoch, linked: useLinkedSample(shape) };
}

export function ChartStatus({ id, text, error }: { id: string; text: string; error?: boolean }) {
  return (
    <p role={error ? 'alert' : 'status'} data-testid={`plot.${id}.status`} style={{ color: error ? 'var(--error-fg)' : 'var(--muted)', minHeight: 40 }}>
      {text}
    </p>
  );
}

/** The status a chart shows instead of its drawing: why the tab does not apply, the job's error, or that it is computing. */
export function jobStatus(id: string, na: string | null, job: { error: string | null; data: unknown }, computing: string): ReactElement | null {
  if (na) return <ChartStatus id={id} text={na} />;
  if (job.error) return <ChartStatus id={id} text={job.error} error />;
  if (!job.data) return <ChartStatus id={id} text={computing} />;
  return null;
}
