/** Label-smoothing sweep: loss against label_smoothing in [0, 1] for the current input. */
import { fnOfDoc, notApplicable, smoothingJob } from './jobs';
import { SweepChart } from './SweepChart';
import { HEIGHT } from './theme';
import { jobStatus, useChartDoc } from './useChartDoc';
import { bySelectedRow, useTabJob } from './useChartJob';

export function SmoothingChart({ width }: { width: number }) {
  const { doc, revision, epoch, linked } = useChartDoc();
  const { na, job } = useTabJob('smoothing', doc, revision, bySelectedRow(smoothingJob));
  const status = jobStatus('smoothing-sweep', na, job, 'Computing the sweep…');
  if (status || !job.data) return status;
  const s = job.data.smoothing;
  const fn = fnOfDoc(doc);
  const how = fn.startsWith('binary') ? 'labels move toward 0.5: y·(1 − ls) + ls/2' : 'labels move toward uniform: y·(1 − ls) + ls/C';
  const sparse = fn === 'sparse_categorical_crossentropy' ? `; ${doc.name} has no label_smoothing, so this is ${s.loss} on one-hot labels` : '';
  return (
    <SweepChart id="smoothing-sweep" title={`${s.loss} against label_smoothing`} description={`${how}${sparse}`}
      sweep={s} width={width} height={HEIGHT} xLabel="label_smoothing" dtype={doc.dtype}
      stickyKey={`${doc.name}:${doc.config.from_logits === true}:${s.count}:${epoch}`} linked={linked} busy={job.pending} version={job.key ?? undefined} />
  );
}
