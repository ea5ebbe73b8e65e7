/** The loss under every reduction, side by side; the selected one highlighted, each one selectable. */
import type { DType } from '../../engine/types';
import { useStore } from '../../state/useStore';
import { useReductions } from './compareStore';
import { Num, NumList } from '../common/Num';
import { reductionParam } from '../common/lossInfo';

export function ReductionsTable({ dtype }: { dtype: DType }) {
  const doc = useStore((s) => s.doc);
  const setConfig = useStore((s) => s.setConfig);
  const removeConfig = useStore((s) => s.removeConfig);
  const { rows, lossClass, stale } = useReductions();
  if (!rows.length) return null;
  const def = reductionParam(doc.semantics).default as string;
  const current = doc.kind === 'loss' ? String(doc.config.reduction ?? def) : null;
  const choose = (r: string) => (r === def ? removeConfig('reduction') : setConfig('reduction', r));
  return (
    <div className={`reductions ${stale ? 'stale' : ''}`}>
      <h3 id="reductions-title">{doc.kind === 'loss' ? 'Every reduction' : `As keras.losses.${lossClass} would reduce it`}</h3>
      <table aria-labelledby="reductions-title" className="numbers">
        <tbody>
          {rows.map((r) => {
            const sel = r.reduction === current;
            return (
              <tr key={r.reduction} className={sel ? 'selected' : ''} aria-current={sel ? 'true' : undefined}>
                <th scope="row"><code>{r.reduction === 'none' ? 'None' : r.reduction.replace(/_/g, '_\u200b')}</code>{sel && <span className="badge">selected</span>}</th>
                <td>
                  {r.value === null ? <span className="error-text" title={r.error}>error</span>
                    : r.value.length === 1 && r.reduction !== 'none' ? <Num value={r.value[0]} dtype={dtype} /> : <NumList values={r.value} dtype={dtype} />}
                </td>
                <td>
                  {doc.kind === 'loss' && !sel && (
                    <button type="button" className="link-btn" onClick={() => choose(r.reduction)} aria-label={`Use reduction ${r.reduction}`}>use</button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
