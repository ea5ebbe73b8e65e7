/** A step's name that opens the explain view at that step (or just names it when the explain view cannot show it). */
import '../common/backends.css';
import { useStore } from '../../state/useStore';
import { openExplainStep } from './explainJump';

export function StepLink({ name, available = true }: { name: string; available?: boolean }) {
  const explainHidden = useStore((s) => s.doc.view.hide.includes('explain'));
  if (explainHidden || !available) return <code className="step-ref">{name}</code>;
  return (
    <button type="button" className="step-link" data-step-link={name} title="Show this step in the explain view"
      onClick={() => openExplainStep(name)}>
      <code>{name}</code>
    </button>
  );
}
