/**
 * The shape of a built-in lesson: a short sequence of steps, each an example document, the view
 * to open, a text whose numbers the engine fills in, and what to try next. Pure data (no React,
 * no DOM): the page renders it (src/ui/lessons), the unit tests evaluate it with the engine.
 */
import type { ChartTab, ExampleDoc, PagePart } from '../document/document';

/** Panels and parts of the page a step can point at (the ids `hide=` uses). */
export type LessonPanel = Exclude<PagePart, 'chart-tabs'>;

export interface StepView {
  /** The chart tab the step opens. */
  tab?: ChartTab;
  /** The y_pred cell [row, col] the step selects (the gradient chart follows it). */
  selected?: [number, number];
  /** A derivation step the text talks about (its name in the explain view, e.g. `p_clipped`). */
  explain?: string;
  /** The panel the text talks about. */
  panel?: LessonPanel;
}

/** What a step's numbers are read from: the engine's answers for its documents. */
export interface Values {
  /** The number a reference names (`loss`, `step:p_clipped[0,1]@f64`); throws when it cannot be read. */
  n(ref: string): number;
  /** True when Keras raises an error for the named document ('' is the step's own). */
  raises(variant: string): boolean;
}

/** A statement the text makes, checked against the engine by the unit tests. */
export interface Claim {
  says: string;
  holds(v: Values): boolean;
}

export interface LessonStep {
  title: string;
  /**
   * What the step says. `{ref}` placeholders are filled from the engine's evaluation of `doc` (and
   * of `variants`, as `{ref@name}`); literal text carries no numbers (see refs.ts for the grammar).
   */
  text: string;
  /** What to try next, in the playground (a template too). */
  try: string;
  doc: ExampleDoc;
  /** Other documents the text compares with, by name. */
  variants?: Record<string, ExampleDoc>;
  view: StepView;
  claims: Claim[];
}

export interface Lesson {
  /** The link's `lesson=` value. */
  id: string;
  title: string;
  /** One line for the lesson picker. */
  summary: string;
  steps: LessonStep[];
}
