/** The share-as-lesson dialog's outputs: the link reopens the chosen view, the embed link and its <iframe> snippet. */
import { describe, expect, it } from 'vitest';
import { decode } from '../../../src/document/codec';
import { defaultDoc, type ExampleDoc } from '../../../src/document/document';
import { findLesson, readLessonLink, stepDoc } from '../../../src/lessons/index';
import { choicesOf, embedLink, iframeSnippet, lessonDoc, shareLink, type LessonChoices } from '../../../src/ui/lessons/shareLesson';

const HREF = 'https://playground.example/keras/?kernels=wasm#v=1&name=Poisson';
const hashOf = (url: string) => url.slice(url.indexOf('#') + 1);

const choices = (patch: Partial<LessonChoices> = {}): LessonChoices => ({
  title: 'Week 3: smoothing', note: 'Look at the optimum.\nThen move the slider.', hide: ['inputs', 'explain', 'axis'],
  tab: 'smoothing', selected: [0, 1], keepLesson: true, ...patch,
});

describe('share as a lesson', () => {
  it('a lesson link reopens the same hidden panels and parameters, tab, cell, title and note', () => {
    const doc = stepDoc(findLesson('smoothing')!, 1);
    const link = shareLink(doc, choices(), HREF);
    expect(link.startsWith('https://playground.example/keras/?kernels=wasm#v=1&')).toBe(true);
    const { doc: back, errors } = decode(hashOf(link));
    expect(errors).toEqual([]);
    expect(back.view).toMatchObject({
      hide: ['inputs', 'explain', 'axis'], tab: 'smoothing', selected: [0, 1],
      title: 'Week 3: smoothing', note: 'Look at the optimum.\nThen move the slider.', lesson: 'smoothing', step: 2,
    });
    expect(readLessonLink(back).doc).toEqual(back);
    expect(back.y_pred).toEqual(doc.y_pred);
  });

  it('leaves out an empty title and note, and the lesson when the teacher drops it', () => {
    const doc = stepDoc(findLesson('focal')!, 0);
    const d = lessonDoc(doc, choices({ title: '  ', note: '', keepLesson: false }));
    expect(d.view.title).toBeUndefined();
    expect(d.view.note).toBeUndefined();
    expect(d.view.lesson).toBeUndefined();
    expect(hashOf(shareLink(doc, choices({ title: '', note: '', keepLesson: false }), HREF))).not.toMatch(/title=|note=|lesson=/);
  });

  it('starts from what the document shows now', () => {
    const doc: ExampleDoc = { ...defaultDoc(), view: { ...defaultDoc().view, hide: ['params'], tab: 'gradient', selected: [1, 2], title: 'T' } };
    expect(choicesOf(doc)).toEqual({ title: 'T', note: '', hide: ['params'], tab: 'gradient', selected: [1, 2], keepLesson: false });
  });

  it('the embed link sits beside the app as embed.html and says what to show, without the hidden panels or the note', () => {
    const doc = stepDoc(findLesson('smoothing')!, 1);
    const url = embedLink(doc, choices(), 'result', HREF);
    expect(url.startsWith('https://playground.example/keras/embed.html#v=1&')).toBe(true);
    const { doc: back, errors } = decode(hashOf(url));
    expect(errors).toEqual([]);
    expect(back.view).toMatchObject({ embed: 'result', tab: 'smoothing', title: 'Week 3: smoothing', hide: [] });
    expect(back.view.note).toBeUndefined();
  });

  it('the snippet is a 600×400 iframe with a title, its address escaped for HTML', () => {
    const s = iframeSnippet('https://x.example/embed.html#v=1&name=CTC&title=a%22b', 'Fish & "chips" <3');
    expect(s).toBe('<iframe src="https://x.example/embed.html#v=1&amp;name=CTC&amp;title=a%22b" width="600" height="400" ' +
      'title="Loss Playground: Fish &amp; &quot;chips&quot; &lt;3" loading="lazy" style="border:0;max-width:100%"></iframe>');
  });
});
