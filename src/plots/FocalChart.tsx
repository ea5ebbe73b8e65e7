/** Focal sweeps: loss against gamma in [0, 5] (per sample and reduced) and a small chart against alpha. */
import { PARAMS } from '../engine/catalog';
import { focalJob, fnOfDoc, notApplicable } from './jobs';
import { SweepChart } from './SweepChart';
import { HEIGHT, SMALL_HEIGHT } from './theme';
import { jobStatus, useChartDoc } from './useChartDoc';
import { bySelectedRow, useTabJob } from './useChartJob';

export function FocalChart({ width }: { width: number }) {
  const { doc, revision, epoch, linked } = useChartDoc();
  const { na, job } = useTabJob('focal', doc, revision, bySelectedRow(focalJob));
  const status = jobStatus('gamma-sweep', na, job, 'Computing the sweep…');
  if (status || !job.data) return status;
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
