import surveyDialog from './me-survey-dialog.json';
import findingsDialog from './me-findings-dialog.json';
import { type AdaptiveCardJson, renderCard } from '../shared/render';

/** The dialog of "Create a survey from a template" (messaging extension). */
export function surveyTemplateDialog(input: {
  formId: string;
  templates: { id: string; title: string }[];
  templateId?: string;
  title?: string;
  /** The plans the survey may be for (the author's and their working groups'), newest first. */
  plans?: { id: string; title: string }[];
  planId?: string;
  error?: string;
  /** The button: "Preview" where the client shows a preview before sending (Teams), else what it does. */
  submitTitle?: string;
}): AdaptiveCardJson {
  return renderCard(surveyDialog, { templateId: '', title: '', planId: '', plans: [], error: '', submitTitle: 'Preview', ...input });
}

/** The dialog of "Add to findings": the message quoted, the owner's live plans to choose from. */
export function findingsDialogCard(input: { quote: string; plans: { id: string; title: string }[]; error?: string }): AdaptiveCardJson {
  return renderCard(findingsDialog, { planId: input.plans.length === 1 ? input.plans[0]!.id : '', error: '', ...input });
}
