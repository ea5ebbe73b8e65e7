/**
 * A lesson template rendered: words, `formulas` in code, and each number filled from the engine
 * (a placeholder while it computes). Numbers carry their reference (`data-ref`) and full value.
 */
import type { DType } from '../../engine/types';
import { fillTemplate, printNumber, type Values } from '../../lessons/index';
import { formatNumber, fullValue } from '../common/format';

function Words({ text }: { text: string }) {
  const parts = text.split('`');
  return <>{parts.map((p, i) => (i % 2 ? <code key={i}>{p}</code> : p))}</>;
}

export function LessonText({ template, values, dtype }: { template: string; values: Values; dtype: DType }) {
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
