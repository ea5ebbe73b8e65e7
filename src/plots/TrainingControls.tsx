/**
 * The training chart's controls: the run (optimizer, learning rate, steps, the compared setting)
 * and the player over it (play / pause, and a slider that picks the step shown).
 */
import { useEffect, useState } from 'react';
import { MAX_TRAIN_STEPS, TRAIN_OPTIMIZERS, type TrainCompareMode, type TrainOptimizerName } from '../document/document';
import { OPTIMIZER_LABELS } from './trainingData';

export const COMPARE_LABELS: Record<TrainCompareMode, string> = {
  none: 'nothing',
  smoothing: 'label_smoothing 0 vs 0.1',
  gamma: 'γ 0 vs 2',
  logits: 'from_logits on vs off',
  reduction: 'another reduction',
  optimizer: 'SGD vs Adam',
};

interface Props {
  optimizer: TrainOptimizerName;
  onOptimizer(o: TrainOptimizerName): void;
  /** The rate in use (the engine's report of the Keras default when none is set). */
  learningRate: number | null;
  onLearningRate(lr: number): void;
  steps: number;
  onSteps(n: number): void;
  modes: TrainCompareMode[];
  compare: TrainCompareMode;
  onCompare(m: TrainCompareMode): void;
  /** The player; null while no run is on screen. */
  player: { step: number; last: number; playing: boolean; onPlay(): void; onPause(): void; onSeek(k: number): void } | null;
}

/** A number box that keeps what is typed until it reads as a valid value (then it commits). */
function NumberBox(p: { label: string; value: number | null; placeholder?: string; valid(v: number): boolean; onValue(v: number): void; testId: string; min?: number; max?: number; step?: string }) {
  const shown = p.value === null ? '' : String(p.value);
  const [text, setText] = useState(shown);
  useEffect(() => setText(shown), [shown]);
  const bad = text.trim() !== '' && !p.valid(Number(text));
  return (
    <label>{p.label}{' '}
      <input type="number" inputMode="decimal" value={text} placeholder={p.placeholder} min={p.min} max={p.max} step={p.step ?? 'any'} style={{ width: '5.5em' }}
        aria-invalid={bad || undefined} data-testid={p.testId}
        onChange={(e) => {
          setText(e.target.value);
          const v = Number(e.target.value);
          if (e.target.value.trim() !== '' && p.valid(v)) p.onValue(v);
        }}
        onBlur={() => setText(shown)} />
    </label>
  );
}

export function TrainingControls(p: Props) {
  const pl = p.player;
  return (
    <div className="train-controls" role="group" aria-label="Training run" data-testid="plot.training.controls">
      <label>optimizer{' '}
        <select value={p.optimizer} onChange={(e) => p.onOptimizer(e.target.value as TrainOptimizerName)} data-testid="plot.training.optimizer">
          {TRAIN_OPTIMIZERS.map((o) => <option key={o} value={o}>{OPTIMIZER_LABELS[o]}</option>)}
        </select>
      </label>
      <NumberBox label="learning rate" value={p.learningRate} valid={(v) => Number.isFinite(v) && v > 0 && v <= 100} onValue={p.onLearningRate} testId="plot.training.lr"
        placeholder="Keras's" />
      <NumberBox label="steps" value={p.steps} min={1} max={MAX_TRAIN_STEPS} step="1" testId="plot.training.steps"
        valid={(v) => Number.isInteger(v) && v >= 1 && v <= MAX_TRAIN_STEPS} onValue={p.onSteps} />
      <label>compare with{' '}
        <select value={p.compare} onChange={(e) => p.onCompare(e.target.value as TrainCompareMode)} data-testid="plot.training.compare">
          {p.modes.map((m) => <option key={m} value={m}>{COMPARE_LABELS[m]}</option>)}
        </select>
      </label>
      {pl ? (
        <span className="train-player">
          <button type="button" className="btn small" onClick={pl.playing ? pl.onPause : pl.onPlay} data-testid="plot.training.play"
            aria-label={pl.playing ? 'Pause' : 'Play the run'}>
            {pl.playing ? '❚❚ Pause' : '▶ Play'}
          </button>
          <label>step{' '}
            <input type="range" min={0} max={pl.last} step={1} value={pl.step} data-testid="plot.training.scrub"
              aria-valuetext={`step ${pl.step} of ${pl.last}`} onChange={(e) => pl.onSeek(Number(e.target.value))} />
          </label>
          <output data-testid="plot.training.step" aria-live="off">{pl.step} / {pl.last}</output>
        </span>
      ) : null}
    </div>
  );
}
