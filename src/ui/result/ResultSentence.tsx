/** The plain sentences under the result (sentence.ts): what the number means, with this input's numbers. */
import { useMemo } from 'react';
import type { EngineResult } from '../../engine/types';
import { useStore } from '../../state/useStore';
import { familyOf, fnIdOf } from '../common/lossInfo';
import { resultSentences } from './sentence';

export function ResultSentence({ result }: { result: EngineResult }) {
  const kind = useStore((s) => s.doc.kind);
  const name = useStore((s) => s.doc.name);
  const y_true = useStore((s) => s.doc.y_true);
  const y_pred = useStore((s) => s.doc.y_pred);
  const sampleWeight = useStore((s) => s.doc.sample_weight !== null);
  const resetBefore = useStore((s) => s.doc.reset_before);
  const lines = useMemo(
    () => resultSentences(result, { family: familyOf(fnIdOf(kind, name)), y_true, y_pred, sampleWeight, resetBefore }),
    [result, kind, name, y_true, y_pred, sampleWeight, resetBefore],
  );
  if (!lines.length) return null;
  return <p className="sentence" data-testid="result.sentence">{lines.join(' ')}</p>;
}
