/** Focal sweeps: loss against gamma in [0, 5] (per sample and reduced) and a small chart against alpha. */
import { PARAMS } from '../engine/catalog';
import { focalJob, fnOfDoc, notApplicable } from './jobs';
import { SweepChart } from './SweepChart';
import { HEIGHT, SMALL_HEIGHT } from './theme';
import { ChartStatus, useChartDoc } from './useChartDoc';
import { useChartJob, useUpdatedMark } from './useChartJob';

export function FocalChart({ width }: { width: number }) {
  const { doc, revision, epoch, linked } = useChartDoc();
  const na = notApplicable(doc, 'focal');
  const job = useChartJob(doc, revision, (d, rev) => {
    const row = d.view.selected?.[0] ?? null;
    return notApplicable(d, 'focal') ? null : { key: `focal:${rev}:${row ?? ''}`, build: () => focalJob(d, row) };
  });
  const key = job.wanted;
  useUpdatedMark('focal', key, job.fresh, job.ms);
  if (na) return <ChartStatus id="gamma-sweep" text={na} />;
  if (job.error) return <ChartStatus id="gamma-sweep" text={job.error} error />;
  if (!job.data) return <ChartStatus id="gamma-sweep" text="Computing the sweep…" />;
  const { gamma, alpha } = job.data;
  const fn = fnOfDoc(doc);
  const binary = fn.startsWith('binary');
  const note = fn.includes('focal') ? '' : binary
    ? ` (what BinaryFocalCrossentropy gives on this input; at gamma = 0 without balancing it is ${doc.name})`
    : ` (what ${gamma.loss} with Keras's default alpha = ${PARAMS.alpha_per_class.default} gives on this input)`;
  const key0 = `${doc.name}:${doc.config.from_logits === true}:${gamma.count}:${epoch}`;
  return (
    <div data-testid="plot.focal">
      <SweepChart id="gamma-sweep" title={`${gamma.loss} against gamma`} description={`loss for gamma in [0, 5]${note}`}
        sweep={gamma} width={width} height={HEIGHT} xLabel="gamma (focusing parameter)" dtype={doc.dtype}
        stickyKey={`g:${key0}`} linked={linked} busy={job.pending} version={job.key ?? undefined} />
      <SweepChart id="alpha-sweep" title={`${alpha.loss} against alpha`}
        description={binary ? 'alpha only acts with apply_class_balancing=True (flat line otherwise)' : 'a scalar alpha scales every class'}
        sweep={alpha} width={width} height={SMALL_HEIGHT} xLabel="alpha" dtype={doc.dtype}
        stickyKey={`a:${key0}`} linked={linked} busy={job.pending} version={job.key ?? undefined} />
    </div>
  );
}
