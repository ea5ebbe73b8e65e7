/**
 * A lesson template rendered: words, `formulas` in code, and each number filled from the engine
 * (a placeholder while it computes). Numbers carry their reference (`data-ref`) and full value.
 */
import type { DType } from '../../engine/types';
import { lessonsNow } from '../../lessons/registry';
import type { Values } from '../../lessons/types';
import { formatNumber, fullValue } from '../common/format';

function Words({ text }: { text: string }) {
  const parts = text.split('`');
  return <>{parts.map((p, i) => (i % 2 ? <code key={i}>{p}</code> : p))}</>;
}

/** Rendered only by the lesson card, which shows once the lessons' content is loaded. */
export function LessonText({ template, values, dtype }: { template: string; values: Values; dtype: DType }) {
  const { fillTemplate, printNumber } = lessonsNow()!;
  return (
    <>
      {fillTemplate(template, values).map((seg, i) => {
        if (seg.kind === 'text') return <Words key={i} text={seg.text} />;
        if (seg.value === null) {
          return <span key={i} className="num lesson-num pending" data-ref={seg.ref.text} aria-label="computing" title={seg.error ?? undefined}>…</span>;
        }
        return (
          <span key={i} className={`num lesson-num ${Number.isFinite(seg.value) ? '' : 'nonfinite'}`} data-ref={seg.ref.text}
            data-value={String(seg.value)} title={fullValue(seg.value, dtype)}>
            {printNumber(seg.value, seg.ref, dtype, formatNumber)}
          </span>
        );
      })}
    </>
  );
}
