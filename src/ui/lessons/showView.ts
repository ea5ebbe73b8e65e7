/**
 * "Show me": bring the part of the page a lesson step talks about into view and mark it for a
 * moment (an explain step, a panel, the charts). Compare backends is a <details>: it is opened.
 */
import type { ChartTab } from '../../document/document';
import type { LessonPanel, StepView } from '../../lessons/types';
import { openExplainStep } from '../explain/explainJump';

const PANEL_SELECTORS: Record<LessonPanel, string> = {
  inputs: '[data-testid="panel.inputs"]',
  params: '[data-testid="panel.params"]',
  result: '[data-testid="panel.result"]',
  explain: '[data-testid="panel.explain"]',
  charts: '[data-testid="charts"]',
  pitfalls: '[data-testid="pitfalls"]',
  backends: '[data-testid="compare-backends"]',
};

const PANEL_NAMES: Record<LessonPanel, string> = {
  inputs: 'the inputs', params: 'the parameters', result: 'the result', explain: 'the explain view',
  charts: 'the charts', pitfalls: 'the pitfalls', backends: 'Compare backends',
};

export type ViewTarget = { kind: 'explain'; step: string } | { kind: 'panel'; panel: LessonPanel };

/** What a step points at, each with the words for its button. */
export function viewTargets(view: StepView, tabLabel: (t: ChartTab) => string): { target: ViewTarget; label: string }[] {
  const out: { target: ViewTarget; label: string }[] = [];
  if (view.explain) out.push({ target: { kind: 'explain', step: view.explain }, label: `the ${view.explain} step` });
  if (view.panel) out.push({ target: { kind: 'panel', panel: view.panel }, label: PANEL_NAMES[view.panel] });
  if (view.tab && view.panel !== 'charts') out.push({ target: { kind: 'panel', panel: 'charts' }, label: `the ${tabLabel(view.tab)} chart` });
  return out;
}

function flash(el: HTMLElement): void {
  if (el instanceof HTMLDetailsElement) el.open = true;
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  el.classList.add('lesson-target');
  el.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
  el.focus({ preventScroll: true });
  setTimeout(() => el.classList.remove('lesson-target'), 2500);
}

/** Scrolls to and marks a target; false when it is not on the page (hidden by the link, or no such step). */
export function showTarget(target: ViewTarget, root: ParentNode = document): boolean {
  if (target.kind === 'explain') return openExplainStep(target.step, root);
  const el = root.querySelector<HTMLElement>(PANEL_SELECTORS[target.panel]);
  if (!el) return false;
  flash(el);
  return true;
}
