/** Closing the loop (docs/findings.md): `findings`, `findings publish` and the editor's actions. */
import type { TurnContext } from 'botbuilder';
import { findingsChooseCard, findingsDetail, findingsEditorCard } from '../../cards/findings/findings-cards';
import { noticeCard } from '../../cards/shared/notice-card';
import { VERBS } from '../../cards/shared/verbs';
import type { Actor } from '../../domain/shared/conversation';
import type { DomainErrorCode } from '../../domain/shared/errors';
import type { Findings } from '../../domain/findings/findings';
import type { FindingsService } from '../../domain/findings/findings-service';
import { formatForPeople } from '../../domain/shared/time';
import { actorOf, baseConversationId, conversationTypeOf, storedConversationOf, tenantOf } from '../shared/activity';
import { cardMessage } from '../shared/card-message';
import { sendCard, sendCardOrRefusal } from '../shared/invoke';
import { type App, type InvokeData, type TeamsDeps, invokeHandler, requireString } from '../shared/route-helpers';

export interface FindingsRouteDeps {
  findings: FindingsService;
}

const TZ = 'Europe/London';
/** Every refusal of an editor action but `unsupported` shows the editor again with the reason. */
const REFUSALS: readonly DomainErrorCode[] = ['invalid_input', 'not_found', 'forbidden', 'closed', 'conflict'];
/** Only these values of a card's inputs belong to one action. */
const pick = (data: InvokeData, prefix: string): Record<string, unknown> =>
  Object.fromEntries(Object.entries(data).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));

export function registerFindingsRoutes(app: App, deps: TeamsDeps & FindingsRouteDeps): void {
  const { findings, surveys, log } = deps;

  const editor = async (context: TurnContext, f: Findings, actor: Actor, notice?: string, tone: 'Good' | 'Attention' = 'Good') => {
    const inTeamChannel = conversationTypeOf(context.activity) === 'channel' && storedConversationOf(context.activity, deps.clock.now()).teamId !== undefined;
    const choose = f.teamId === undefined && !inTeamChannel && f.state !== 'published' && f.state !== 'withGroup';
    return findingsEditorCard({
      view: await findings.view(f),
      quotes: await findings.quotable(f.tenantId, f.surveyId, actor),
      canPublishHere: conversationTypeOf(context.activity) !== 'personal',
      notice,
      noticeColor: tone,
      inTeamChannel,
      groups: choose ? await findings.workingGroups(f.tenantId) : []
    });
  };

  /** Runs an editor action; a refusal shows the editor (or, when the findings are gone, a notice) with the reason. */
  const editorAction = (verb: string, run: (actor: Actor, surveyId: string, data: InvokeData, context: TurnContext) => Promise<{ f: Findings; notice: string }>) =>
    app.adaptiveCards.actionExecute(
      verb,
      invokeHandler(log, async (context, data) => {
        const actor = actorOf(context.activity);
        const surveyId = requireString(data, 'surveyId');
        await sendCardOrRefusal(
          context,
          REFUSALS,
          async () => {
            const { f, notice } = await run(actor, surveyId, data, context);
            return editor(context, f, actor, notice);
          },
          async (error) => {
            const current = await findings.getOwned(actor.tenantId, surveyId, actor).catch(() => undefined);
            return current ? editor(context, current, actor, error.message, 'Attention') : noticeCard('Findings', error.message, 'attention');
          }
        );
      })
    );

  // ---- commands ---------------------------------------------------------------------------------

  app.message(/^\s*findings\s*$/i, async (context) => {
    const actor = actorOf(context.activity);
    const mine = await surveys.mineIn(actor.tenantId, actor, ['open', 'closed']);
    await context.sendActivity(
      cardMessage(
        findingsChooseCard({
          heading: 'Record "You said, we did"',
          empty: 'You have no published surveys yet. Findings belong to the survey of an activity.',
          buttonTitle: 'Open findings',
          verb: VERBS.findingsOpen,
          items: mine.map((s) => ({ surveyId: s.surveyId, title: s.title, detail: s.status === 'open' ? 'Open' : 'Closed' }))
        })
      )
    );
  });

  app.message(/^\s*findings\s+publish\s*$/i, async (context) => {
    const actor = actorOf(context.activity);
    if (conversationTypeOf(context.activity) === 'personal') {
      await context.sendActivity(cardMessage(noticeCard('Publish where people will see it', 'Type "findings publish" in the channel or group chat where the findings should be posted.', 'attention')));
      return;
    }
    const mine = (await findings.listMine(actor)).filter((f) => f.weDid.length > 0);
    await context.sendActivity(
      cardMessage(
        findingsChooseCard({
          heading: 'Publish findings here',
          empty: 'You have no findings with a "We did" yet. Type "findings" in your chat with VoiceLoop to record them.',
          buttonTitle: 'Publish here',
          verb: VERBS.findingsPublish,
          items: mine.map((f) => ({ surveyId: f.surveyId, title: f.title, detail: findingsDetail(f) }))
        })
      )
    );
  });

  // ---- editor actions ---------------------------------------------------------------------------

  editorAction(VERBS.findingsOpen, async (actor, surveyId, data) => ({
    f: await findings.open(actor.tenantId, surveyId, actor, data.planId),
    notice: ''
  }));
  editorAction(VERBS.findingsYouSaid, async (actor, surveyId, data) => ({
    f: await findings.addYouSaid(actor.tenantId, surveyId, actor, pick(data, 'ys_')),
    notice: '"You said" added.'
  }));
  editorAction(VERBS.findingsWeDid, async (actor, surveyId, data) => ({
    f: await findings.addWeDid(actor.tenantId, surveyId, actor, pick(data, 'wd_')),
    notice: '"We did" added.'
  }));
  editorAction(VERBS.findingsRemove, async (actor, surveyId, data) => ({
    f: await findings.removeItem(actor.tenantId, surveyId, actor, data.itemId),
    notice: 'Removed.'
  }));
  editorAction(VERBS.findingsNextUpdate, async (actor, surveyId, data) => ({
    f: await findings.setNextUpdate(actor.tenantId, surveyId, actor, data.nextUpdate),
    notice: 'Date saved.'
  }));
  editorAction(VERBS.findingsStatus, async (actor, surveyId, data) => {
    const itemId = requireString(data, 'itemId');
    const f = await findings.setStatus(actor.tenantId, surveyId, actor, itemId, data[`status_${itemId}`], data[`reason_${itemId}`]);
    return { f, notice: f.state === 'published' ? 'Status changed. The posted card is updated and everyone who took part will hear.' : 'Status changed.' };
  });
  editorAction(VERBS.findingsSubmit, async (actor, surveyId, data, context) => ({
    f: await findings.submitForApproval(actor.tenantId, surveyId, actor, storedConversationOf(context.activity, deps.clock.now()), data.teamId),
    notice: 'Sent to the working group. You will hear their decision here.'
  }));
  editorAction(VERBS.findingsPublish, async (actor, surveyId, _data, context) => {
    const { findings: f, sendsAt } = await findings.publish(actor.tenantId, surveyId, actor, baseConversationId(context.activity.conversation.id));
    const when = sendsAt.getTime() <= deps.clock.now().getTime() ? 'now' : `from ${formatForPeople(sendsAt, TZ)} (their allowed hours)`;
    // No number here: how many it reached is known only once sent, and told to the author 1:1 then (docs/findings.md).
    return { f, notice: `Published here. The easy-read card goes 1:1 to everyone who took part, ${when}. You will get a note 1:1 saying how many it reached.` };
  });

  app.adaptiveCards.actionExecute(
    VERBS.findingsDelete,
    invokeHandler(log, async (context, data) => {
      const actor = actorOf(context.activity);
      await findings.remove(tenantOf(context.activity), requireString(data, 'surveyId'), actor);
      await sendCard(context, noticeCard('Findings deleted', 'The findings are deleted. Cards already posted stay as they are.', 'default'));
    })
  );
}
