/**
 * Training (issue 15): what gradient descent does to these predictions under this loss. The whole
 * run (and the compared setting) is one engine job; play and the step slider move a cursor over it
 * on the main thread. The shown step's update (dL/dz and Δz) is a second, small job on its own
 * channel, explained under the plots.
 */
import { useCallback, useMemo, useRef } from 'react';
import { useStore } from '../state/useStore';
import { TrainStep } from '../ui/explain/TrainStep';
import { notApplicable, trainingJob, trainStepJob } from './jobs';
import { compareSpec, explainedStep, OPTIMIZER_LABELS, runKey, trainCompareModes, trainParams, trainSetting } from './trainingData';
import { TrainingControls } from './TrainingControls';
import { TrainingLossPlot } from './TrainingLossPlot';
import { TrainingProbPlot } from './TrainingProbPlot';
import { trainingSummary } from './trainingText';
import { HEIGHT } from './theme';
import { ChartStatus, useChartDoc } from './useChartDoc';
import { useChartJob, useTabJob } from './useChartJob';
import { usePlayer } from './usePlayer';

const STEP_CHANNEL = 'charts:train-step';
const H = HEIGHT - 20;

export function TrainingChart({ width }: { width: number }) {
  const { doc, revision, linked } = useChartDoc();
  const setView = useStore((s) => s.setView);
  const setting = trainSetting(doc);
  // The explained update leaves the shown step (the last update when the run's end is shown). The run's
  // job carries it for the step shown when it was posted; a step scrubbed to later is asked for alone.
  const carried = useRef<{ key: string; k: number } | null>(null);
  const { na, job } = useTabJob('training', doc, revision, (d, rev) => {
    const s = trainSetting(d);
    const key = runKey(d, s);
    return {
      key,
      build: () => {
        carried.current = { key: `${rev}:${key}`, k: explainedStep(s) };
        return trainingJob(d, { ...trainParams(d, s), detailStep: explainedStep(s) });
      },
    };
  });
  const step = useChartJob(doc, revision, (d, rev) => {
    if (notApplicable(d, 'training')) return null;
    const s = trainSetting(d);
    const k = explainedStep(s);
    const c = carried.current;
    if (c && c.key === `${rev}:${runKey(d, s)}` && c.k === k) return null;
    return { key: `train-step:${rev}:${runKey(d, s)}:${k}`, build: () => trainStepJob(d, trainParams(d, s), k) };
  }, STEP_CHANNEL);
  const run = job.data?.run ?? null;
  const last = run?.main.steps ?? setting.steps;
  const commit = useCallback((k: number) => setView({ trainStep: k }), [setView]);
  const player = usePlayer(last, setting.step, commit);
  const specMain = compareSpec(doc, setting)?.main ?? null;
  // Stable while the run is: the plots' tables and paths are rebuilt per run, not per played frame.
  const labels = useMemo((): [string, string | null] => (!run ? ['', null] : run.compare && specMain
    ? [specMain, run.compare.label]
    : [`${OPTIMIZER_LABELS[run.main.optimizer.name]}, learning rate ${run.main.optimizer.learning_rate}`, null]), [run, specMain]);
  if (na) return <ChartStatus id="training" text={na} />;
  const lr = setting.learningRate ?? run?.main.optimizer.learning_rate ?? null;
  const controls = (
    <TrainingControls optimizer={setting.optimizer} onOptimizer={(o) => setView({ optimizer: o === 'sgd' ? undefined : o, learningRate: undefined })}
      learningRate={lr} onLearningRate={(v) => setView({ learningRate: v })}
      steps={setting.steps} onSteps={(n) => setView({ steps: n, trainStep: undefined })}
      modes={trainCompareModes(doc)} compare={setting.compare} onCompare={(m) => setView({ trainCompare: m === 'none' ? undefined : m })}
      player={run ? { step: Math.min(player.at, last), last, playing: player.playing, onPlay: player.play, onPause: player.pause, onSeek: player.seek } : null} />
  );
  if (job.error && job.key === job.wanted) return <div data-testid="plot.training">{controls}<ChartStatus id="training" text={job.error} error /></div>;
  if (!run) return <div data-testid="plot.training">{controls}<ChartStatus id="training" text="Training…" /></div>;
  const k = Math.min(player.at, run.main.steps);
  const version = job.key ?? '';
  const want = explainedStep(setting);
  const carriedDetail = run.main.detail?.step === want ? run.main.detail : null;
  const detail = carriedDetail ?? step.data?.detail ?? null;
  const summary = trainingSummary(run, k, labels, doc.dtype);
  return (
    <div data-testid="plot.training">
      {controls}
      <TrainingLossPlot main={run.main} compare={run.compare} labels={labels} width={width} height={H} step={k}
        onSeek={player.seek} busy={job.pending} version={version} />
      <TrainingProbPlot main={run.main} compare={run.compare} labels={labels} width={width} height={H} step={k}
        linked={linked} onSeek={player.seek} busy={job.pending} version={version} dtype={doc.dtype} />
      <ul className="train-summary" data-testid="plot.training.summary" aria-live={player.playing ? 'off' : 'polite'}>
        {summary.map((l) => <li key={l.key} data-tone={l.tone}>{l.text}</li>)}
      </ul>
      {player.playing ? <p className="hint" data-testid="plot.training.step-hint">Pause to see the update made at one step.</p>
        : !carriedDetail && step.error && step.key === step.wanted ? <ChartStatus id="training-step" text={step.error} error />
          : detail ? <TrainStep detail={detail} run={run.main} dtype={doc.dtype} stale={detail.step !== want} /> : null}
    </div>
  );
}
