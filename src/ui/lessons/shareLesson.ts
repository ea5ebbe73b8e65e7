/**
 * What the share-as-lesson dialog makes, as pure functions of the document and the teacher's
 * choices: the document the link carries, the link, the embed address and its <iframe> snippet.
 */
import { encode } from '../../document/codec';
import type { ChartTab, EmbedView, ExampleDoc, ViewDoc } from '../../document/document';

export interface LessonChoices {
  title: string;
  note: string;
  /** Panel, part and parameter ids to hide (the link's `hide=`). */
  hide: string[];
  tab: ChartTab;
  selected: [number, number] | null;
  /** Keep the open lesson's card (its `lesson=` and `step=`). */
  keepLesson: boolean;
}

/** The dialog's starting point: what the document shows now. */
export function choicesOf(doc: ExampleDoc): LessonChoices {
  const v = doc.view;
  return { title: v.title ?? '', note: v.note ?? '', hide: [...v.hide], tab: v.tab, selected: v.selected, keepLesson: v.lesson !== undefined };
}

/** The document with the teacher's view: empty title and note are left out of the link. */
export function lessonDoc(doc: ExampleDoc, c: LessonChoices): ExampleDoc {
  const { title: _t, note: _n, lesson, step, embed: _e, ...rest } = doc.view;
  const view: ViewDoc = { ...rest, hide: c.hide, tab: c.tab, selected: c.selected };
  if (c.keepLesson && lesson !== undefined) Object.assign(view, { lesson, step });
  const title = c.title.trim();
  const note = c.note.trim();
  if (title) view.title = title;
  if (note) view.note = note;
  return { ...doc, view };
}

/** The page's address without its hash: `https://host/path/` for `https://host/path/#v=1…`. */
const pageBase = (href: string): string => href.split('#')[0];

export function shareLink(doc: ExampleDoc, c: LessonChoices, href: string): string {
  return `${pageBase(href)}#${encode(lessonDoc(doc, c))}`;
}

/** The embed page's address for the document: `embed.html` beside the app, showing one chart or the result card. */
export function embedLink(doc: ExampleDoc, c: LessonChoices, show: EmbedView, href: string): string {
  const { hide: _h, note: _n, ...view } = lessonDoc(doc, c).view;
  const url = new URL('embed.html', pageBase(href).split('?')[0]);
  return `${url.href}#${encode({ ...doc, view: { ...view, hide: [], embed: show } })}`;
}

/** The <iframe> for a course page or blog: 600×400, titled for screen readers, loaded lazily. */
export function iframeSnippet(src: string, title: string): string {
  const name = `Loss Playground${title ? `: ${title}` : ''}`.replace(/[&"<>]/g, (ch) => `&${{ '&': 'amp', '"': 'quot', '<': 'lt', '>': 'gt' }[ch]};`);
  const attr = src.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return `<iframe src="${attr}" width="600" height="400" title="${name}" loading="lazy" style="border:0;max-width:100%"></iframe>`;
}
