import { randomUUID } from 'node:crypto';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import {
  chooseSurveyCard,
  easyNoticeCard,
  exportCard,
  fileConsentAttachment,
  fileInfoAttachment,
  questionCard,
  surveyDoneCard,
  surveyEditorCard,
  surveyInviteCard,
  surveyListCard,
  surveyNewCard,
  surveyPlanCard,
  surveyResultsCard
} from '../../cards/surveys/survey-cards';
import { VERBS } from '../../cards/shared/verbs';
import { DomainError, isDomainError } from '../../domain/shared/errors';
import { type Survey, type SurveySettings, parseSurveySettings } from '../../domain/surveys/survey';
import type { PersonalStyle, SurveyEdit } from '../../domain/surveys/survey-service';
import { templateById } from '../../domain/surveys/survey-templates';
import { actorOf, conversationTypeOf, tenantOf, timeZoneOf } from '../shared/activity';
import { cardMessage, replaceCard } from '../shared/card-message';
import { sendCard, sendCardOrRefusal, sendFailure, sendInvoke } from '../shared/invoke';
import { type App, type InvokeData, type TeamsDeps, formErrorsOf, invokeHandler, requireString } from '../shared/route-helpers';
import { sessionCardFor } from '../sessions/session-view';
import type { FreeTextScreener } from '../safeguarding/free-text-screener';
import { createSurveyDraft, postInvite } from './post-survey';

/** What the survey routes need besides the common deps. */
export interface SurveyRouteDeps {
  /** Base URL people's browsers reach the bot at (export download links). */
  publicUrl: string;
  /** Safeguarding: screens each free-text answer once stored (src/teams/safeguarding/free-text-screener.ts). */
  screenFreeText?: FreeTextScreener;
  /** Retention (docs/privacy.md): the owner's note once a survey's answers are (being) deleted. */
  answersNote?: (survey: Survey) => Promise<string | undefined>;
}

const indexOf = (data: InvokeData): number => {
  const raw = data.index;
  const n = typeof raw === 'string' && /^\d{1,2}$/.test(raw) ? Number(raw) : typeof raw === 'number' ? raw : 0;
  return Number.isInteger(n) && n >= 0 ? n : 0;
};

/** The question form's fields (prefixed on the editor card so they never clash with others). */
const questionValues = (data: InvokeData) => ({ type: data.qtype, text: data.qtext, options: data.qoptions, scale: data.qscale, twoPoint: data.qtwoPoint });

/** The download link of an export: served by the bot's own HTTP server (src/http/http-server.ts). */
export const exportLink = (publicUrl: string, tenantId: string, token: string): string =>
  `${publicUrl.replace(/\/+$/, '')}/exports/${encodeURIComponent(tenantId)}/${token}.csv`;

/**
 * Where Teams asked us to upload a file: https only (loopback http is allowed for local testing), so a
 * forged consent answer cannot make the bot send the CSV somewhere plain.
 */
export function uploadTarget(raw: unknown): string {
  let url: URL;
  try {
    url = new URL(String(raw));
  } catch {
    throw new DomainError('invalid_input', 'The file upload address is missing.');
  }
  const loopback = url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !loopback) throw new DomainError('invalid_input', 'The file upload address is not secure.');
  return url.toString();
}

/** Surveys: authoring from templates, publishing, answering (easy read), results and export. */
export function registerSurveyRoutes(app: App, deps: TeamsDeps & SurveyRouteDeps): void {
  const { surveys, engagementGate, clock, log } = deps;

  /** The editor; a draft's card also says which plan it is for and whether that plan is approved yet. */
  const editor = async (survey: Survey, options: Parameters<typeof surveyEditorCard>[1] = {}) =>
    surveyEditorCard(survey, { ...options, plan: survey.status === 'draft' ? await engagementGate.describe(survey) : undefined });
  const plansOf = (context: TurnContext) => engagementGate.plansFor(actorOf(context.activity));

  const sendForm = async (context: TurnContext): Promise<void> => {
    await context.sendActivity(cardMessage(surveyNewCard({ formId: randomUUID(), timeZone: timeZoneOf(context.activity), plans: await plansOf(context) })));
  };
  app.message(/^\s*survey\s+new\s*$/i, sendForm);
  app.adaptiveCards.actionExecute(
    VERBS.surveyNew,
    invokeHandler(log, async (context) => {
      await sendForm(context);
      await sendCard(context, easyNoticeCard('📝 New survey', 'The form is in the chat below.', false));
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.surveyCreate,
    invokeHandler(log, async (context, data) => {
      const activity = context.activity;
      const formId = requireString(data, 'formId');
      const timeZone = timeZoneOf(activity);
      const template = typeof data.templateId === 'string' && data.templateId !== 'blank' && data.templateId !== '' ? templateById(data.templateId) : undefined;
      const planId = typeof data.planId === 'string' && data.planId.trim() !== '' ? data.planId.trim() : undefined;
      const showForm = async (errors: Record<string, string>) =>
        sendCard(context, surveyNewCard({ formId, timeZone, plans: await plansOf(context), values: data, errors }));
      let settings: SurveySettings;
      try {
        const title = typeof data.title === 'string' && data.title.trim() !== '' ? data.title : template?.title;
        settings = parseSurveySettings({ ...data, title, cohort: data.cohort || template?.cohort }, clock.now(), timeZone);
      } catch (error) {
        await showForm(formErrorsOf(error));
        return;
      }
      let survey: Survey;
      try {
        survey = await createSurveyDraft(context, deps, { formId, settings, templateId: template?.id, timeZone, planId });
      } catch (error) {
        // A plan the author may not use: said beside the plan field.
        if (!isDomainError(error) || !error.fields.planId) throw error;
        await showForm(error.fields);
        return;
      }
      await sendCard(context, await editor(survey, { notice: 'Draft saved. Change the questions, preview, then publish.', tone: 'good' }));
    })
  );

  // The editor, optionally with one question's form filled in for changing it.
  const showEditor = invokeHandler(log, async (context, data) => {
    const survey = await surveys.getOwned(tenantOf(context.activity), data.surveyId, actorOf(context.activity));
    await sendCard(context, await editor(survey, { editingId: typeof data.questionId === 'string' ? data.questionId : undefined }));
  });
  app.adaptiveCards.actionExecute(VERBS.surveyEditor, showEditor);
  app.adaptiveCards.actionExecute(VERBS.surveyQuestionEdit, showEditor);

  // The plan a draft is for (docs/approvals.md, "The approval gate"): chosen from the author's plans and their working groups'.
  app.adaptiveCards.actionExecute(
    VERBS.surveyPlanChoose,
    invokeHandler(log, async (context, data) => {
      const survey = await surveys.getOwned(tenantOf(context.activity), data.surveyId, actorOf(context.activity));
      await sendCard(context, surveyPlanCard(survey, await plansOf(context)));
    })
  );
  app.adaptiveCards.actionExecute(
    VERBS.surveyPlanSet,
    invokeHandler(log, async (context, data) => {
      const tenantId = tenantOf(context.activity);
      const actor = actorOf(context.activity);
      await sendCardOrRefusal(
        context,
        ['invalid_input', 'conflict'],
        async () => editor(await surveys.choosePlan(tenantId, data.surveyId, actor, data.version, data.planId), { notice: 'Plan saved.', tone: 'good' }),
        async (error) => surveyPlanCard(await surveys.getOwned(tenantId, data.surveyId, actor), await plansOf(context), error.message)
      );
    })
  );

  /** Runs one edit; the editor comes back with the result, the person's input and any message. */
  const editRoute = (toEdit: (data: InvokeData) => SurveyEdit, done: string) =>
    invokeHandler(log, async (context, data) => {
      const tenantId = tenantOf(context.activity);
      const actor = actorOf(context.activity);
      await sendCardOrRefusal(
        context,
        ['invalid_input', 'conflict', 'not_found', 'closed'],
        async () => editor(await surveys.edit(tenantId, data.surveyId, actor, data.version, toEdit(data)), { notice: done, tone: 'good' }),
        async (error) => {
          const survey = await surveys.getOwned(tenantId, data.surveyId, actor);
          const keepForm = error.code === 'invalid_input';
          return editor(survey, {
            notice: error.message,
            tone: 'attention',
            editingId: keepForm && typeof data.questionId === 'string' && data.questionId !== '' ? data.questionId : undefined,
            formValues: keepForm ? data : undefined,
            errors: keepForm ? error.fields : undefined
          });
        }
      );
    });

  app.adaptiveCards.actionExecute(VERBS.surveyQuestionAdd, editRoute((data) => ({ kind: 'add', values: questionValues(data) }), 'Question added.'));
  app.adaptiveCards.actionExecute(
    VERBS.surveyQuestionSave,
    editRoute((data) => ({ kind: 'update', questionId: requireString(data, 'questionId'), values: questionValues(data) }), 'Question saved.')
  );
  app.adaptiveCards.actionExecute(
    VERBS.surveyQuestionMove,
    editRoute((data) => ({ kind: 'move', questionId: requireString(data, 'questionId'), by: data.by === '-1' || data.by === -1 ? -1 : 1 }), 'Question moved.')
  );
  app.adaptiveCards.actionExecute(
    VERBS.surveyQuestionRemove,
    editRoute((data) => ({ kind: 'remove', questionId: requireString(data, 'questionId') }), 'Question removed.')
  );

  // Preview: the owner walks through the cards as people will see them; nothing is stored.
  app.adaptiveCards.actionExecute(
    VERBS.surveyPreview,
    invokeHandler(log, async (context, data) => {
      const actor = actorOf(context.activity);
      const survey = await surveys.getOwned(tenantOf(context.activity), data.surveyId, actor);
      const index = indexOf(data);
      if (index >= survey.questions.length) {
        await sendCard(context, await editor(survey, { notice: 'That was the last question of the preview.', tone: 'good' }));
        return;
      }
      const view = await surveys.questionView(survey.tenantId, survey.surveyId, actor, index, survey);
      await sendCard(context, questionCard(view, { mode: 'preview' }));
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.surveyPublish,
    invokeHandler(log, async (context, data) => {
      const activity = context.activity;
      const tenantId = tenantOf(activity);
      const actor = actorOf(activity);
      let survey: Survey;
      try {
        survey = await surveys.publish(tenantId, data.surveyId, actor, data.version);
      } catch (error) {
        if (!isDomainError(error) || !['invalid_input', 'conflict', 'forbidden'].includes(error.code)) throw error;
        const current = await surveys.getOwned(tenantId, data.surveyId, actor);
        await sendCard(context, await editor(current, { notice: error.message, tone: 'attention' }));
        return;
      }
      survey = await postInvite(context, deps, survey);
      await sendCard(context, await editor(survey, { notice: 'Published. People can answer it now; the invitation is in this chat.', tone: 'good' }));
    })
  );

  // Answering: Start, then one question per card; Back and Next move without answering.
  const showQuestion = async (context: TurnContext, surveyId: unknown, index: number, notice?: string, known?: Survey, style?: PersonalStyle): Promise<void> => {
    const actor = actorOf(context.activity);
    const tenantId = tenantOf(context.activity);
    const survey = known ?? (await surveys.get(tenantId, surveyId));
    if (survey.status === 'draft') throw new DomainError('closed', 'This survey is not open yet.');
    if (index >= survey.questions.length) {
      await sendCard(context, surveyDoneCard(survey, style ?? (await surveys.styleFor(survey, actor))));
      return;
    }
    const view = await surveys.questionView(tenantId, survey.surveyId, actor, index, survey, style);
    await sendCard(context, questionCard(view, { mode: 'answer', notice }));
  };

  app.adaptiveCards.actionExecute(
    VERBS.surveyStart,
    invokeHandler(log, async (context, data) => {
      const survey = await surveys.get(tenantOf(context.activity), data.surveyId);
      if (survey.status === 'closed') {
        await sendCard(context, surveyInviteCard(survey));
        return;
      }
      await showQuestion(context, survey.surveyId, 0, undefined, survey);
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.surveyShow,
    invokeHandler(log, async (context, data) => showQuestion(context, data.surveyId, indexOf(data)))
  );

  app.adaptiveCards.actionExecute(
    VERBS.surveyAnswer,
    invokeHandler(log, async (context, data) => {
      if (typeof data.sessionId === 'string' && data.sessionId !== '') {
        await answerInSession(context, data);
        return;
      }
      const tenantId = tenantOf(context.activity);
      const actor = actorOf(context.activity);
      try {
        const { survey, index, question, answer, style } = await surveys.answer(tenantId, data.surveyId, actor, data);
        await deps.screenFreeText?.(context, survey, question, answer, false);
        await showQuestion(context, survey.surveyId, index + 1, undefined, survey, style);
      } catch (error) {
        if (!isDomainError(error)) throw error;
        if (error.code === 'closed') {
          await sendCard(context, easyNoticeCard('🔒 Sorry', error.message));
          return;
        }
        if (error.code === 'conflict' || error.code === 'invalid_input') {
          // The same question again (or, for a changed survey, its current version) with the reason.
          const survey = await surveys.get(tenantId, data.surveyId);
          const at = survey.questions.findIndex((q) => q.id === data.questionId);
          await showQuestion(context, survey.surveyId, at >= 0 ? at : 0, error.message, survey);
          return;
        }
        throw error;
      }
    })
  );

  const answerInSession = async (context: TurnContext, data: InvokeData): Promise<void> => {
    const tenantId = tenantOf(context.activity);
    const actor = actorOf(context.activity);
    const state = await deps.sessions.get(tenantId, data.sessionId);
    const { session, survey } = state;
    let notice: string | undefined;
    if (session.status !== 'open') throw new DomainError('closed', 'This session has ended. Your answer was not saved.');
    try {
      const stored = await surveys.answer(tenantId, session.surveyId, actor, data, `session:${session.sessionId}`);
      await deps.screenFreeText?.(context, stored.survey, stored.question, stored.answer, true);
    } catch (error) {
      if (!isDomainError(error) || !['conflict', 'invalid_input'].includes(error.code)) throw error;
      notice = error.message;
    }
    await sendCard(context, await sessionCardFor(deps, context, state, survey, notice));
  };

  const listCard = async (context: TurnContext) => surveyListCard(await surveys.listMine(tenantOf(context.activity), actorOf(context.activity)));
  app.message(/^\s*surveys\s*$/i, async (context) => {
    await context.sendActivity(cardMessage(await listCard(context)));
  });
  app.adaptiveCards.actionExecute(
    VERBS.surveyList,
    invokeHandler(log, async (context) => sendCard(context, await listCard(context)))
  );

  app.adaptiveCards.actionExecute(
    VERBS.surveyResults,
    invokeHandler(log, async (context, data) => {
      const results = await surveys.results(tenantOf(context.activity), data.surveyId, actorOf(context.activity));
      await sendCard(context, surveyResultsCard(results, results.forOwner ? await deps.answersNote?.(results.survey) : undefined));
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.surveyClose,
    invokeHandler(log, async (context, data) => {
      const survey = await surveys.close(tenantOf(context.activity), data.surveyId, actorOf(context.activity));
      if (survey.inviteActivityId) await replaceCard(context, survey.inviteActivityId, surveyInviteCard(survey), log, 'could not update the survey invitation');
      await sendCard(context, await listCard(context));
    })
  );

  // Export (docs/surveys.md): in a Teams 1:1 chat a file consent card saves the CSV to the owner's
  // OneDrive; otherwise (and in local mode) an unguessable, expiring download link, shown only to them.
  const exportFor = async (context: TurnContext, surveyId: unknown) => {
    const tenantId = tenantOf(context.activity);
    const actor = actorOf(context.activity);
    const deleted = deps.answersNote ? await deps.answersNote(await surveys.getOwned(tenantId, surveyId, actor)) : undefined;
    if (deleted) return easyNoticeCard('No CSV: the answers were deleted', deleted, false);
    if (deps.exportDelivery === 'fileConsent' && conversationTypeOf(context.activity) === 'personal') {
      const { survey, csv, rows } = await surveys.exportCsv(tenantId, surveyId, actor);
      const name = `survey-${survey.surveyId.slice(0, 8)}.csv`;
      await context.sendActivity({
        type: ActivityTypes.Message,
        attachments: [fileConsentAttachment({ name, sizeInBytes: Buffer.byteLength(`\uFEFF${csv}`), surveyId: survey.surveyId, title: survey.title })]
      });
      return exportCard({ survey, rows, note: 'Accept the file card below to save the CSV in your OneDrive.' });
    }
    const { survey, token, expiresAt } = await surveys.createExportLink(tenantId, surveyId, actor);
    const { rows } = await surveys.exportCsv(tenantId, survey.surveyId, actor);
    return exportCard({ survey, rows, url: exportLink(deps.publicUrl, tenantId, token), expiresAt });
  };

  app.message(/^\s*survey\s+export\s*$/i, async (context) => {
    const tenantId = tenantOf(context.activity);
    const actor = actorOf(context.activity);
    const mine = await surveys.mineIn(tenantId, actor, ['open', 'closed']);
    // A message in a group chat is seen by everyone: there, the link only comes back on the button.
    if (mine.length === 1 && conversationTypeOf(context.activity) === 'personal') {
      await context.sendActivity(cardMessage(await exportFor(context, mine[0]!.surveyId)));
      return;
    }
    await context.sendActivity(
      cardMessage(
        chooseSurveyCard({
          title: 'Export a survey',
          intro: mine.length === 0 ? 'You have no published surveys yet.' : 'Choose the survey whose responses you want as a CSV.',
          button: 'Export CSV',
          verb: VERBS.surveyExport,
          formId: randomUUID(),
          surveys: mine
        })
      )
    );
  });

  // The owner accepted (or declined) the file consent card: upload the CSV to the URL Teams gave.
  app.activity(
    async (context) => context.activity.type === ActivityTypes.Invoke && context.activity.name === 'fileConsent/invoke',
    async (context) => {
      try {
        const value = (context.activity.value ?? {}) as {
          action?: string;
          context?: { surveyId?: unknown };
          uploadInfo?: { uploadUrl?: string; contentUrl?: string; name?: string; uniqueId?: string; fileType?: string };
        };
        if (value.action !== 'accept') {
          await sendInvoke(context, { status: 200 });
          await context.sendActivity(cardMessage(easyNoticeCard('Not saved', 'No file was saved. Type "survey export" to try again.', false)));
          return;
        }
        const upload = value.uploadInfo ?? {};
        const target = uploadTarget(upload.uploadUrl);
        const { csv } = await surveys.exportCsv(tenantOf(context.activity), value.context?.surveyId, actorOf(context.activity));
        const body = Buffer.from(`\uFEFF${csv}`, 'utf8');
        const put = await fetch(target, {
          method: 'PUT',
          headers: { 'content-type': 'text/csv', 'content-length': String(body.length), 'content-range': `bytes 0-${body.length - 1}/${body.length}` },
          body
        });
        if (!put.ok) throw new Error(`the file upload was refused (${put.status})`);
        await sendInvoke(context, { status: 200 });
        if (upload.contentUrl && upload.name) {
          const info = fileInfoAttachment({ name: upload.name, contentUrl: upload.contentUrl, uniqueId: upload.uniqueId ?? '', fileType: upload.fileType ?? 'csv' });
          await context.sendActivity({ type: ActivityTypes.Message, attachments: [info] }).catch((error: unknown) => {
            log.warn({ err: error }, 'the CSV was saved but the file card could not be sent');
          });
        }
      } catch (error) {
        await sendFailure(context, error, log);
      }
    }
  );

  app.adaptiveCards.actionExecute(
    VERBS.surveyExport,
    invokeHandler(log, async (context, data) => {
      await sendCard(context, await exportFor(context, data.surveyId));
    })
  );
}
