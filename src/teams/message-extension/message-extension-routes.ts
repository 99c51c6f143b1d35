import { randomUUID } from 'node:crypto';
import { findingsStandardCard } from '../../cards/findings/findings-cards';
import { type FindingsService, findingsSearchItem } from '../../domain/findings/findings-service';
import { noticeCard } from '../../cards/shared/notice-card';
import { pollCard, pollFormCard } from '../../cards/polls/poll-cards';
import type { AdaptiveCardJson } from '../../cards/shared/render';
import { MESSAGE_EXTENSION_COMMANDS } from '../../cards/shared/verbs';
import { type Actor, personKey } from '../../domain/shared/conversation';
import { DomainError, isDomainError } from '../../domain/shared/errors';
import { type Poll, type PollDraft, parsePollForm } from '../../domain/polls/poll';
import { pollSearchItem } from '../../domain/polls/poll-service';
import { planSearchItem, summaryOf } from '../../domain/plans/plan-service';
import { STATE_LABELS } from '../../domain/plans/plan';
import { surveySearchItem } from '../../domain/surveys/survey-service';
import { type Survey, parseSurveySettings } from '../../domain/surveys/survey';
import { SURVEY_TEMPLATES, templateById } from '../../domain/surveys/survey-templates';
import { cleanText } from '../../domain/shared/text';
import { planCard } from '../../cards/plans/plan-cards';
import { surveyInviteCard } from '../../cards/surveys/survey-cards';
import { findingsDialogCard, surveyTemplateDialog } from '../../cards/message-extension/message-extension-cards';
import { cardMessage } from '../shared/card-message';
import type { DraftRepository } from '../../domain/shared/ports';
import { SEARCH_LIMITS, type SearchItem, type SearchKind, type SearchMemo } from '../../domain/search/search';
import type { SearchService } from '../../domain/search/search-service';
import { actorOf, fromAgentsPlayground, tenantOf, timeZoneOf } from '../shared/activity';
import { emptyTally, postPoll } from '../polls/post-poll';
import { createSurveyDraft, postInvite } from '../surveys/post-survey';
import { type App, type TeamsDeps, asData, formErrorsOf } from '../shared/route-helpers';
import { clipTypedEcho } from '../../cards/shared/typed-echo';
import { type Activity, ActivityTypes, type Attachment, CardFactory, type MessagingExtensionResult, type TaskModuleTaskInfo, type TurnContext } from 'botbuilder';

export interface MessageExtensionDeps extends TeamsDeps {
  search: SearchService;
  drafts: DraftRepository;
  publicUrl: string;
  /** Published findings ("You said, we did") open as their channel card (docs/findings.md). */
  findings?: FindingsService;
}

const DRAFT_LIFETIME_MS = 24 * 3_600_000;

/** Link to a poll that unfurls into its card when pasted in Teams. */
export const pollLink = (publicUrl: string, pollId: string): string => `${publicUrl}/polls/${pollId}`;

const messageResult = (text: string): MessagingExtensionResult => ({ type: 'message', text });

/** The id a dialog's form was opened with (it becomes the poll's or survey's id), checked to be one. */
function dialogFormId(values: Record<string, unknown>): string {
  const formId = values.formId;
  if (typeof formId !== 'string' || !/^[0-9a-f-]{36}$/i.test(formId)) throw new DomainError('invalid_input', 'This form is out of date. Please open it again.');
  return formId;
}

/**
 * A card plus the small preview shown in the result list: choosing it inserts the card itself (no
 * round trip). Used for link unfurling, for a chosen result (selectItem), and for search results in
 * the Agents Playground, which refuses results with a `tap`.
 */
function resultAttachment(card: AdaptiveCardJson, item: Pick<SearchItem, 'title' | 'subtitle'>): Attachment & { preview: Attachment } {
  return {
    ...CardFactory.adaptiveCard(card),
    preview: CardFactory.thumbnailCard(item.title, item.subtitle)
  };
}

/** A search result as Teams lists it; tapping it asks the bot for the full card. */
function previewAttachment(item: SearchItem): Attachment & { preview: Attachment } {
  const preview = CardFactory.thumbnailCard(item.title, item.subtitle, undefined, undefined, {
    tap: { type: 'invoke', title: item.title, value: { kind: item.kind, id: item.id } }
  });
  return { ...preview, preview };
}

/** The search text: the `query` parameter, or the one unnamed parameter the Agents Playground sends. */
function queryTextOf(activity: Activity): string {
  const raw = (activity.value as { parameters?: unknown } | undefined)?.parameters;
  const parameters = (Array.isArray(raw) ? raw : []) as ({ name?: unknown; value?: unknown } | null)[];
  const chosen = parameters.find((p) => p?.name === 'query') ?? (parameters.length === 1 && !parameters[0]?.name ? parameters[0] : undefined);
  return typeof chosen?.value === 'string' ? chosen.value : '';
}

/**
 * A message that only carries a card the user inserted from the messaging extension (in a 1:1 chat
 * with VoiceLoop, Teams and the Playground deliver it to the bot): its text is empty or markup only.
 */
function isInsertedCardMessage(activity: Activity): boolean {
  if (activity.type !== ActivityTypes.Message) return false;
  const hasCard = (activity.attachments ?? []).some((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  const words = (activity.text ?? '').replace(/<[^>]*>/g, '').trim();
  return hasCard && words === '';
}

/** Finds an id (pollId, surveyId) carried in the action data of a card (the preview being sent or edited). */
function valueIn(card: unknown, field: 'pollId' | 'surveyId'): string | undefined {
  if (Array.isArray(card)) {
    for (const child of card) {
      const found = valueIn(child, field);
      if (found) return found;
    }
  } else if (card && typeof card === 'object') {
    const data = (card as { data?: Record<string, unknown> }).data;
    if (typeof data?.[field] === 'string') return data[field] as string;
    for (const value of Object.values(card)) {
      const found = valueIn(value, field);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The messaging extension: search (compose box and command box), "Create a poll" through a dialog
 * and a preview, and link unfurling for VoiceLoop's own links. Thin handlers over the same services
 * the bot uses; every failure becomes a message result or a task message, never a crash.
 */
export function registerMessageExtensionRoutes(app: App, deps: MessageExtensionDeps): void {
  const { search, drafts, polls, surveys, plans, approvals, clock, log } = deps;

  /**
   * The full, live card behind a chosen search result, with the item as the index would describe it
   * (so the viewer's right to see it is checked again when it is opened).
   */
  const openers: Record<SearchKind, ((tenantId: string, id: string) => Promise<{ item: SearchItem; card: AdaptiveCardJson }>) | undefined> = {
    poll: async (tenantId, id) => {
      const { poll, tally } = await polls.snapshot(tenantId, id);
      return { item: pollSearchItem(poll), card: pollCard(poll, tally) };
    },
    survey: async (tenantId, id) => {
      const survey = await surveys.get(tenantId, id);
      return { item: surveySearchItem(survey), card: surveyInviteCard(survey) };
    },
    plan: async (tenantId, id) => {
      const plan = await plans.get(tenantId, id);
      const [history, rounds] = await Promise.all([plans.history(tenantId, id), approvals.roundsOf(tenantId, id)]);
      // Shared in a conversation: the read-only view, never the owner's buttons.
      return { item: planSearchItem(plan), card: planCard(plan, { summary: summaryOf(plan), history, lastRound: rounds.at(-1), isOwner: false }) };
    },
    summary: deps.findings
      ? async (tenantId, id) => {
          const findings = await deps.findings!.get(tenantId, id);
          return { item: findingsSearchItem(findings), card: findingsStandardCard(await deps.findings!.view(findings)) };
        }
      : undefined
  };

  // A card the user sent from the messaging extension needs no answer (not "I did not understand").
  app.activity(async (context) => isInsertedCardMessage(context.activity), async () => undefined);

  const guard =
    <T>(fallback: (message: string) => T, handler: (context: TurnContext) => Promise<T>) =>
    async (context: TurnContext): Promise<T> => {
      try {
        return await handler(context);
      } catch (error) {
        if (isDomainError(error)) return fallback(error.message);
        log.error({ err: error }, 'messaging extension failed');
        return fallback('Sorry, something went wrong. Please try again.');
      }
    };

  /**
   * Send on a preview: `send` posts the card. The invoke's answer shows nothing, so a failure is told
   * in a notice in the conversation (a refusal's own reason, else `sorry`, and the error is logged).
   */
  const previewSend = (
    commandId: string,
    send: (context: TurnContext, preview: Partial<Activity>) => Promise<void>,
    failed: { title: string; sorry: string; logged: string }
  ): void => {
    app.messageExtensions.botMessagePreviewSend(commandId, async (context, _state, preview) => {
      try {
        await send(context, preview);
      } catch (error) {
        if (!isDomainError(error)) log.error({ err: error }, failed.logged);
        await context.sendActivity(cardMessage(noticeCard(failed.title, isDomainError(error) ? error.message : failed.sorry, 'attention')));
      }
    });
  };

  /**
   * Search results for the Agents Playground: each with its full, live card (checked again against
   * the item as it is now) and a thumbnail preview; items gone since they were indexed are left out.
   */
  const fullResults = async (context: TurnContext, items: SearchItem[]): Promise<Attachment[]> => {
    const actor = actorOf(context.activity);
    const memo: SearchMemo = new Map();
    const opened = await Promise.all(
      items.map(async (found) => {
        const open = openers[found.kind];
        if (!open) return undefined;
        try {
          const { item, card } = await open(actor.tenantId, found.id);
          return (await search.canSee(item, actor, context.activity.conversation?.id, memo)) ? resultAttachment(card, item) : undefined;
        } catch (error) {
          if (isDomainError(error) && error.code === 'not_found') return undefined;
          throw error;
        }
      })
    );
    return opened.filter((a): a is NonNullable<typeof a> => a !== undefined);
  };

  // The one query command. The Agents Playground sends no command id unless one is typed into its
  // "Command ID" field, so a query without one is this search too; an unknown id is still refused.
  const isSearch = async (context: TurnContext): Promise<boolean> => {
    const { type, name, value } = context.activity;
    const commandId = (value as { commandId?: unknown } | undefined)?.commandId;
    return type === ActivityTypes.Invoke && name === 'composeExtension/query' && (commandId === undefined || commandId === MESSAGE_EXTENSION_COMMANDS.search);
  };

  app.messageExtensions.query(isSearch, async (context, _state, query) =>
    guard<MessagingExtensionResult>(messageResult, async () => {
      const text = queryTextOf(context.activity);
      if ([...text].length > SEARCH_LIMITS.maxQueryLength) {
        return messageResult(`Please search with fewer words (${SEARCH_LIMITS.maxQueryLength} characters at most).`);
      }
      const actor = actorOf(context.activity);
      const count = Math.min(Math.max(Number(query.count) || SEARCH_LIMITS.results, 1), SEARCH_LIMITS.results);
      const items = await search.search(actor, context.activity.conversation?.id, text, count);
      // In Teams, results are previews drawn from the index alone; the live card is read when one is
      // chosen (composeExtension/selectItem), so a search costs one index read however many items
      // match. The Playground refuses a `tap`: there each result carries its live card already.
      const attachments = fromAgentsPlayground(context.activity) ? await fullResults(context, items) : items.map((item) => previewAttachment(item));
      if (attachments.length === 0 && text.trim() === '') {
        return messageResult('Type a word from the question or title of a poll, survey or plan.');
      }
      return { type: 'result', attachmentLayout: 'list', attachments };
    })(context)
  );

  app.messageExtensions.selectItem<{ kind?: unknown; id?: unknown }>(async (context, _state, chosen) =>
    guard<MessagingExtensionResult>(messageResult, async () => {
      const open = typeof chosen.kind === 'string' ? openers[chosen.kind as SearchKind] : undefined;
      if (!open || typeof chosen.id !== 'string') throw new DomainError('invalid_input', 'That result cannot be opened.');
      const actor = actorOf(context.activity);
      const { item, card } = await open(actor.tenantId, chosen.id);
      if (!(await search.canSee(item, actor, context.activity.conversation?.id))) {
        throw new DomainError('not_found', 'This item no longer exists or is not yours to share.');
      }
      return { type: 'result', attachmentLayout: 'list', attachments: [resultAttachment(card, item)] };
    })(context)
  );

  // The Playground cannot show a botMessagePreview: there the dialog's button posts at once.
  const formDialog = (context: TurnContext, formId: string, timeZone: string, values?: Record<string, unknown>, errors?: Record<string, string>): TaskModuleTaskInfo => ({
    title: 'Create a quick poll',
    width: 'medium',
    height: 'large',
    card: CardFactory.adaptiveCard(
      clipTypedEcho(pollFormCard({ formId, timeZone, values, errors, inTaskModule: true, submitTitle: fromAgentsPlayground(context.activity) ? 'Post poll' : 'Preview' }))
    )
  });

  app.messageExtensions.fetchTask(MESSAGE_EXTENSION_COMMANDS.createPoll, async (context) =>
    guard<TaskModuleTaskInfo | string>((m) => m, async () => formDialog(context, randomUUID(), timeZoneOf(context.activity)))(context)
  );

  app.messageExtensions.submitAction<Record<string, unknown>>(MESSAGE_EXTENSION_COMMANDS.createPoll, async (context, _state, data) =>
    guard<MessagingExtensionResult | TaskModuleTaskInfo | string>((m) => m, async () => {
      const values = asData(data);
      const formId = dialogFormId(values);
      const timeZone = timeZoneOf(context.activity);
      let draft: PollDraft;
      try {
        draft = parsePollForm(values, clock.now(), timeZone);
      } catch (error) {
        return formDialog(context, formId, timeZone, values, formErrorsOf(error));
      }
      const actor = actorOf(context.activity);
      if (fromAgentsPlayground(context.activity)) {
        // The Playground cannot show a botMessagePreview: post the live card at once, as Send would.
        const posted = await postPoll(context, deps, formId, draft, timeZone);
        return posted ? `Your poll "${posted.question}" is in the conversation.` : 'This poll is already in the conversation.';
      }
      await drafts.put(actor.tenantId, personKey(actor), formId, { values, timeZone }, new Date(clock.now().getTime() + DRAFT_LIFETIME_MS));
      const preview: Poll = {
        ...draft,
        tenantId: actor.tenantId,
        pollId: formId,
        status: 'open',
        createdBy: personKey(actor),
        createdByName: actor.name,
        createdByUserId: actor.userId,
        createdAt: clock.now(),
        conversation: { tenantId: actor.tenantId, serviceUrl: '', channelId: 'msteams', conversationId: '', conversationType: 'groupChat', botId: '', updatedAt: '' },
        timeZone
      };
      return {
        type: 'botMessagePreview',
        activityPreview: { type: 'message', attachments: [CardFactory.adaptiveCard(pollCard(preview, emptyTally(preview)))] } as Activity
      };
    })(context)
  );

  /** The draft behind a preview card, or a clear message when it has gone. */
  const draftOf = async (context: TurnContext, preview: Partial<Activity>) => {
    const formId = valueIn(preview.attachments?.[0]?.content, 'pollId');
    const actor = actorOf(context.activity);
    const stored = formId ? await drafts.get(actor.tenantId, personKey(actor), formId, clock.now()) : undefined;
    if (!formId || !stored) throw new DomainError('not_found', 'This preview has expired. Please create the poll again.');
    return { formId, actor, values: stored.values as Record<string, unknown>, timeZone: String(stored.timeZone) };
  };

  app.messageExtensions.botMessagePreviewEdit(MESSAGE_EXTENSION_COMMANDS.createPoll, async (context, _state, preview) =>
    guard<TaskModuleTaskInfo | string>((m) => m, async () => {
      const { formId, values, timeZone } = await draftOf(context, preview);
      return formDialog(context, formId, timeZone, values);
    })(context)
  );

  previewSend(
    MESSAGE_EXTENSION_COMMANDS.createPoll,
    async (context, preview) => {
      const { formId, actor, values, timeZone } = await draftOf(context, preview);
      // Validated again: time has passed since the preview (a closing time may now be in the past).
      const draft = parsePollForm(values, clock.now(), timeZone);
      await postPoll(context, deps, formId, draft, timeZone);
      await drafts.delete(actor.tenantId, personKey(actor), formId);
    },
    { title: 'Poll not posted', sorry: 'Sorry, the poll could not be posted. Please try again.', logged: 'posting a poll from the messaging extension failed' }
  );

  // ---- Create a survey from a template ---------------------------------------------------------

  const templates = SURVEY_TEMPLATES.map((t) => ({ id: t.id, title: t.title }));
  // The plans offered: the author's and their working groups' (the approval gate, docs/approvals.md).
  const surveyDialog = async (
    context: TurnContext,
    formId: string,
    values: { templateId?: string; title?: string; planId?: string } = {},
    error?: string
  ): Promise<TaskModuleTaskInfo> => {
    const plans = (await deps.engagementGate.plansFor(actorOf(context.activity))).map((p) => ({ id: p.planId, title: `${p.title} (${STATE_LABELS[p.state].toLowerCase()})` }));
    return {
      title: 'Create a survey from a template',
      width: 'medium',
      height: 'large',
      card: CardFactory.adaptiveCard(
        clipTypedEcho(surveyTemplateDialog({ formId, templates, plans, ...values, error, submitTitle: fromAgentsPlayground(context.activity) ? 'Publish and post' : 'Preview' }))
      )
    };
  };

  app.messageExtensions.fetchTask(MESSAGE_EXTENSION_COMMANDS.createSurvey, async (context) =>
    guard<TaskModuleTaskInfo | string>((m) => m, async () => surveyDialog(context, randomUUID()))(context)
  );

  app.messageExtensions.submitAction<Record<string, unknown>>(MESSAGE_EXTENSION_COMMANDS.createSurvey, async (context, _state, data) =>
    guard<MessagingExtensionResult | TaskModuleTaskInfo | string>((m) => m, async () => {
      const values = asData(data);
      const formId = dialogFormId(values);
      const template = templateById(values.templateId);
      const title = typeof values.title === 'string' ? values.title : '';
      const planId = typeof values.planId === 'string' && values.planId.trim() !== '' ? values.planId.trim() : undefined;
      if (!template) return surveyDialog(context, formId, { title, planId }, 'Please choose a template.');
      const activity = context.activity;
      const timeZone = timeZoneOf(activity);
      let settings;
      try {
        settings = parseSurveySettings({ title: title.trim() || template.title, cohort: template.cohort }, clock.now(), timeZone);
      } catch (error) {
        if (!isDomainError(error)) throw error;
        return surveyDialog(context, formId, { templateId: template.id, title, planId }, error.message);
      }
      let survey: Survey;
      try {
        survey = await createSurveyDraft(context, deps, { formId, settings, templateId: template.id, timeZone, planId });
        // Said in the dialog, before any preview: a survey that may not go out yet (its plan is not approved).
        if (survey.status === 'draft') await surveys.checkGoingOut(survey, 'publish');
      } catch (error) {
        if (!isDomainError(error) || !['invalid_input', 'forbidden'].includes(error.code)) throw error;
        return surveyDialog(context, formId, { templateId: template.id, title, planId }, error.message);
      }
      if (fromAgentsPlayground(activity)) {
        // The Playground cannot show a botMessagePreview: publish and post the invitation at once.
        const sent = await sendSurvey(context, actorOf(activity), survey);
        return `Your survey "${sent.title}" is in the conversation.`;
      }
      // The preview shows the invitation as people will see it once it is sent (and so published).
      return {
        type: 'botMessagePreview',
        activityPreview: { type: 'message', attachments: [CardFactory.adaptiveCard(surveyInviteCard({ ...survey, status: 'open' }))] } as Activity
      };
    })(context)
  );

  /** Publishes a draft and posts its invitation in the conversation, once. */
  const sendSurvey = async (context: TurnContext, actor: Actor, survey: Survey): Promise<Survey> => {
    if (survey.inviteActivityId) return survey; // already sent: a resent preview posts nothing twice
    const published = survey.status === 'draft' ? await surveys.publish(actor.tenantId, survey.surveyId, actor, survey.version) : survey;
    return postInvite(context, deps, published);
  };

  const surveyOfPreview = async (context: TurnContext, preview: Partial<Activity>) => {
    const surveyId = valueIn(preview.attachments?.[0]?.content, 'surveyId');
    if (!surveyId) throw new DomainError('not_found', 'This preview has expired. Please create the survey again.');
    const actor = actorOf(context.activity);
    return { actor, survey: await surveys.getOwned(actor.tenantId, surveyId, actor) };
  };

  app.messageExtensions.botMessagePreviewEdit(MESSAGE_EXTENSION_COMMANDS.createSurvey, async (context, _state, preview) =>
    guard<TaskModuleTaskInfo | string>((m) => m, async () => {
      const { survey } = await surveyOfPreview(context, preview);
      return surveyDialog(context, survey.surveyId, { templateId: survey.templateId, title: survey.title, planId: survey.planId });
    })(context)
  );

  previewSend(
    MESSAGE_EXTENSION_COMMANDS.createSurvey,
    async (context, preview) => {
      const { actor, survey } = await surveyOfPreview(context, preview);
      await sendSurvey(context, actor, survey);
    },
    { title: 'Survey not sent', sorry: 'Sorry, the survey could not be sent. Please try again.', logged: 'sending a survey from the messaging extension failed' }
  );

  // ---- Add to findings (message action) ---------------------------------------------------------

  /** The selected message's text (Teams sends HTML) and its author's name. */
  const selectedMessage = (context: TurnContext): { text: string; author?: string } => {
    const payload = (context.activity.value as { messagePayload?: { body?: { content?: unknown }; from?: { user?: { displayName?: unknown } } } } | undefined)
      ?.messagePayload;
    const html = typeof payload?.body?.content === 'string' ? payload.body.content : '';
    const text = html
      .replace(/<br\s*\/?>|<\/p>/gi, '\n')
      .replace(/<[^>]*>/g, '')
      .replace(/&nbsp;/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&')
      .trim();
    if (!text) throw new DomainError('invalid_input', 'That message has no text to add.');
    const author = payload?.from?.user?.displayName;
    return { text, author: typeof author === 'string' ? author : undefined };
  };

  const livePlansOf = async (context: TurnContext) =>
    (await plans.list(actorOf(context.activity))).mine.filter((p) => p.state === 'live' || p.state === 'reviewing').map((p) => ({ id: p.planId, title: p.title }));

  app.messageExtensions.fetchTask(MESSAGE_EXTENSION_COMMANDS.addToFindings, async (context) =>
    guard<TaskModuleTaskInfo | string>((m) => m, async () => {
      const { text } = selectedMessage(context);
      return {
        title: 'Add to findings',
        width: 'medium',
        height: 'medium',
        card: CardFactory.adaptiveCard(findingsDialogCard({ quote: cleanText(text, { field: 'message', maxLength: 5000, multiline: true }), plans: await livePlansOf(context) }))
      };
    })(context)
  );

  app.messageExtensions.submitAction<Record<string, unknown>>(MESSAGE_EXTENSION_COMMANDS.addToFindings, async (context, _state, data) =>
    guard<MessagingExtensionResult | TaskModuleTaskInfo | string>((m) => m, async () => {
      const values = asData(data);
      const { text, author } = selectedMessage(context);
      if (typeof values.planId !== 'string' || values.planId === '') throw new DomainError('invalid_input', 'Please choose a plan.');
      const includeAuthor = values.includeAuthor === true || values.includeAuthor === 'true';
      const plan = await plans.addYouSaid(tenantOf(context.activity), values.planId, actorOf(context.activity), text, includeAuthor ? author : undefined);
      return `Added to the findings of "${plan.title}".`;
    })(context)
  );

  app.messageExtensions.queryLink(async (context, _state, url) =>
    guard<MessagingExtensionResult>(messageResult, async () => {
      const match = new RegExp(`^${deps.publicUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/polls/([0-9a-f-]{36})/?$`, 'i').exec(url ?? '');
      if (!match?.[1]) return messageResult('This is not a VoiceLoop link.');
      const { poll, tally } = await polls.snapshot(tenantOf(context.activity), match[1]);
      return {
        type: 'result',
        attachmentLayout: 'list',
        attachments: [resultAttachment(pollCard(poll, tally), { title: poll.question, subtitle: 'VoiceLoop quick poll' })]
      };
    })(context)
  );
}
