/**
 * "Open the explain view at this step": scroll the explain panel's step into view, focus it and
 * mark it for a moment. The explain view lists each step as `li.step[data-step=<name>]`.
 */

const STEP_NAME = /^[A-Za-z0-9_.:-]{1,64}$/;

/** Opens the named step; false when the explain view or that step is not on the page. */
export function openExplainStep(name: string, root: ParentNode = document): boolean {
  if (!STEP_NAME.test(name)) return false;
  const panel = root.querySelector('[data-testid="panel.explain"]');
  const li = panel?.querySelector<HTMLElement>(`li.step[data-step="${name}"]`);
  if (!li) return false;
  if (!li.hasAttribute('tabindex')) li.setAttribute('tabindex', '-1');
  li.classList.add('step-target');
  li.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
  li.focus({ preventScroll: true });
  setTimeout(() => li.classList.remove('step-target'), 2500);
  return true;
}
