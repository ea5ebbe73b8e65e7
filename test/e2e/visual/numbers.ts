/**
 * The numbers a page states, checked against the engine run in Node on the same document: the
 * headline, the explain view's reduction line and clip count, the clip pitfall's entries and log
 * terms, a NaN warning's cell, the CTC caption's loss. Independent of the app's own text building:
 * each expectation is computed here from the engine's steps.
 */
import { evaluate } from '../../../src/engine/index';
import { unravel } from '../../../src/engine/tensor';
import type { EngineResult, LossResult } from '../../../src/engine/types';
import type { ExampleDoc } from '../../../src/document/document';
import { docToRequest } from '../../../src/document/request';
import { formatNumber } from '../../../src/ui/common/format';
import { flatten } from '../../../src/ui/inputs/tensorOps';

export interface PageTexts {
  value: string;
  reduction: string | null;
  clipNote: string[];
  pitfalls: { id: string; text: string }[];
  ctc: string | null;
}

/** Entries the clip changed: p_clipped against the y_pred-aligned step before it (or y_pred itself). */
function clipped(r: LossResult, y_pred: ExampleDoc['y_pred']): { index: number[]; i: number }[] {
  const steps = r.steps ?? [];
  const k = steps.findIndex((s) => s.name === 'p_clipped');
  if (k < 0) return [];
  const after = steps[k].tensor;
  const before = steps.slice(0, k).reverse().find((s) => s.alignsWith === 'y_pred' && s.tensor.data.length === after.data.length)?.tensor.data ?? flatten(y_pred);
  const out: { index: number[]; i: number }[] = [];
  for (let i = 0; i < after.data.length; i++) if (Math.fround(before[i]) !== Math.fround(after.data[i])) out.push({ index: unravel(i, after.shape), i });
  return out;
}

export function engineNumbers(doc: ExampleDoc, t: PageTexts): string[] {
  const problems: string[] = [];
  const { req, opts } = docToRequest(doc);
  let r: EngineResult;
  try { r = evaluate(req, opts); } catch { return problems; }
  const f = (x: number) => formatNumber(x, doc.dtype);
  const headline = r.kind === 'metric' ? [r.results[r.results.length - 1]] : Array.from(r.value.data);
  for (const v of headline) if (!t.value.includes(f(v))) problems.push(`headline "${t.value}" does not show the engine's ${f(v)}`);
  if (r.kind === 'metric') return problems;
  const red = r.reduction;
  if (red && red.numerator !== null && red.denominator !== null && r.value.shape.length === 0 && t.reduction !== null) {
    const want = `${f(red.numerator)}${red.reduction !== 'sum' ? ` / ${f(red.denominator)}` : ''} = ${f(r.value.data[0])}`;
    if (t.reduction.trim() !== want) problems.push(`explain reduction "${t.reduction}" is not the engine's "${want}"`);
  }
  const clips = r.kind === 'loss' || r.kind === 'function' ? clipped(r as LossResult, doc.y_pred) : [];
  const note = t.clipNote.join(' ');
  if (clips.length && !note.includes(`${clips.length} entr`)) problems.push(`explain says "${note}" but the engine clipped ${clips.length}`);
  const clipPitfall = t.pitfalls.find((p) => p.id === 'clipped');
  if (clips.length && clipPitfall) {
    if (!clipPitfall.text.includes(`${clips.length} entr`)) problems.push(`clip pitfall "${clipPitfall.text}" does not count the engine's ${clips.length} clipped entries`);
    const logP = (r as LossResult).steps?.find((s) => s.name === 'log_p')?.tensor.data;
    for (const c of clips.slice(0, 3)) {
      const cell = `y_pred[${c.index.join(', ')}]`;
      if (!clipPitfall.text.includes(cell)) problems.push(`clip pitfall does not name ${cell}`);
      if (logP && !clipPitfall.text.includes(`log p = ${f(logP[c.i])}`)) problems.push(`clip pitfall does not state ${cell}'s log p = ${f(logP[c.i])}`);
    }
  }
  if (!clips.length && clipPitfall) problems.push(`clip pitfall shown but the engine clipped nothing: "${clipPitfall.text}"`);
  for (const w of r.warnings.filter((x) => x.code === 'nan')) {
    const p = t.pitfalls.find((x) => x.id.startsWith('engine:nan'));
    if (!p) problems.push(`engine warned "${w.message}" but no pitfall shows it`);
    else if (!/y_pred\[\d/.test(p.text) || /row-major/.test(p.text) || /^\W*nan\b/.test(p.text)) problems.push(`NaN pitfall does not name its cell in words: "${p.text}"`);
  }
  if (t.ctc !== null && doc.name === 'CTC') {
    const sample = doc.view.selected?.[0] ?? 0;
    const loss = r.perSample.data[sample];
    if (!t.ctc.includes(f(loss)) && !t.ctc.includes('infinite')) problems.push(`CTC caption "${t.ctc}" does not state the engine's loss ${f(loss)}`);
  }
  return problems;
}
