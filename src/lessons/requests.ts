/** The engine calls behind a lesson step's numbers: one per document (the step's own and each variant). */
import { docToRequest, type DocRequest } from '../document/request';
import { stepDocs } from './template';
import type { LessonStep } from './types';

export interface StepRequest extends DocRequest {
  /** '' for the step's own document. */
  variant: string;
}

export function stepRequests(step: LessonStep): StepRequest[] {
  return Object.entries(stepDocs(step)).map(([variant, doc]) => ({ variant, ...docToRequest(doc) }));
}
