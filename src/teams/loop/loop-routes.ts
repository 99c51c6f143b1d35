/**
 * The two-way loop and Tell us (docs/two-way-loop.md): the buttons on participants' "We did" cards,
 * "Has it made things better?", `findings reactions`, `tell us` (and the help card's button),
 * `tell us areas` (administrators) and `easyread check` (1:1).
 */
import type { TurnContext } from 'botbuilder';
import { checkStaffText, EASYREAD_CHECK_LIMIT, suggestedEasyCard } from '../../cards/loop/easyread-checker';
import { loopFiguresCard, tellUsAreasCard, tellUsClosedCard, tellUsFormCard, tellUsSentCard } from '../../cards/loop/loop-cards';
import { easyInfoCard, line } from '../../cards/shared/easy-info-card';
import { infoCard } from '../../cards/shared/info-card';
import { noticeCard } from '../../cards/shared/notice-card';
import type { AdaptiveCardJson } from '../../cards/shared/render';
import { VERBS } from '../../cards/shared/verbs';
import type { LoopService } from '../../domain/loop/loop-service';
import { PRINT_LINK_DAYS } from '../../domain/loop/printable';
import { type Actor, personKey } from '../../domain/shared/conversation';
import { type DomainErrorCode, isDomainError } from '../../domain/shared/errors';
import type { CardPayload } from '../../domain/shared/ports';
import { actorOf, conversationTypeOf, teamIdOf } from '../shared/activity';
import { mentionsOf } from '../privacy/privacy-routes';
import { cardMessage } from '../shared/card-message';
import { sendCard, sendCardOrRefusal } from '../shared/invoke';
import { type App, type InvokeData, type TeamsDeps, invokeHandler, requireString } from '../shared/route-helpers';

export interface LoopRouteDeps {
  loop: LoopService;
  /** Where the printable pages are served (the bot's public URL). */
  publicUrl: string;
}

const REFUSALS: readonly DomainErrorCode[] = ['invalid_input', 'not_found', 'forbidden', 'closed', 'conflict'];

/** A refusal a young person can read: a symbol and the reason. */
const easyRefusal = (message: string): AdaptiveCardJson => easyInfoCard({ title: '📣 Your views', lines: [line(`❗ ${message}`)], buttons: [], easyRead: true });

const strings = (data: InvokeData): Record<string, string> =>
  Object.fromEntries(Object.entries(data).filter(([, v]) => typeof v === 'string') as [string, string][]);

export function registerLoopRoutes(app: App, deps: TeamsDeps & LoopRouteDeps): void {
  const { loop, log, proactive } = deps;

  /** The safeguarding reply goes only to the person: in their 1:1 chat. */
  const replyPrivately = async (context: TurnContext, actor: Actor, reply: CardPayload | undefined): Promise<void> => {
    if (!reply) return;
    try {
      if (conversationTypeOf(context.activity) === 'personal') await context.sendActivity(cardMessage(reply as AdaptiveCardJson));
      else await proactive.sendToPerson(actor.tenantId, personKey(actor), reply);
    } catch (error) {
      log.error({ tenantId: actor.tenantId, err: String(error) }, 'safeguarding: the easy-read reply could not be sent');
    }
  };

  const participantAction = (verb: string, run: (actor: Actor, data: InvokeData, context: TurnContext) => Promise<CardPayload>) =>
    app.adaptiveCards.actionExecute(
      verb,
      invokeHandler(log, async (context, data) => {
        const actor = actorOf(context.activity);
        await sendCardOrRefusal(context, REFUSALS, async () => (await run(actor, data, context)) as AdaptiveCardJson, async (error) => easyRefusal(error.message));
      })
    );

  participantAction(VERBS.loopReact, (actor, data) => loop.react(actor, requireString(data, 'surveyId'), requireString(data, 'itemId'), data.reaction));
  participantAction(VERBS.loopBetter, (actor, data) => loop.better(actor, requireString(data, 'surveyId'), requireString(data, 'itemId'), data.answer));
  participantAction(VERBS.loopMore, async (actor, data, context) => {
    const itemId = requireString(data, 'itemId');
    const { card, reply } = await loop.comment(actor, requireString(data, 'surveyId'), itemId, data[`more_${itemId}`]);
    await replyPrivately(context, actor, reply);
    return card;
  });

  // ---- what people said back: the owner, or the working group in its team's channel ----------

  app.message(/^\s*findings\s+reactions\s*$/i, async (context) => {
    const actor = actorOf(context.activity);
    const teamId = conversationTypeOf(context.activity) === 'channel' ? teamIdOf(context.activity) : undefined;
    await context.sendActivity(cardMessage(loopFiguresCard(await loop.figuresFor(actor, teamId))));
  });
  app.adaptiveCards.actionExecute(
    VERBS.loopFigures,
    invokeHandler(log, async (context) => {
      const actor = actorOf(context.activity);
      const teamId = conversationTypeOf(context.activity) === 'channel' ? teamIdOf(context.activity) : undefined;
      await sendCard(context, loopFiguresCard(await loop.figuresFor(actor, teamId)));
    })
  );

  // `findings print`: signed links to the printable page, for people who took part without Teams.
  app.message(/^\s*findings\s+print\s*$/i, async (context) => {
    const actor = actorOf(context.activity);
    const links = await loop.printLinks(actor);
    const lines =
      links.length === 0
        ? [line('📭 You have no published findings yet. Publish them first ("findings publish" in a channel).')]
        : [
            line('🖨️ For people who took part without Teams: open a page, print it, or send the link.'),
            line('📣 It shows what the 1:1 card shows, in easy read: no numbers, no names.'),
            line(`⏳ Links work for ${PRINT_LINK_DAYS} days. Anyone with a link can open it.`)
          ];
    const buttons = links.map((l) => ({ kind: 'link' as const, title: `🖨️ ${l.findings.title}`.slice(0, 80), verb: '', url: `${deps.publicUrl}${l.path}`, style: 'default' as const, data: {} }));
    await context.sendActivity(cardMessage(easyInfoCard({ title: '🖨️ How your views changed things: printable pages', lines, buttons, easyRead: false })));
  });

  // ---- Tell us --------------------------------------------------------------------------------

  const form = async (tenantId: string, notice?: string, values?: Record<string, string>): Promise<AdaptiveCardJson> => {
    const { areas } = await loop.settings(tenantId);
    return areas.length === 0 ? tellUsClosedCard() : tellUsFormCard({ areas, notice, values });
  };

  app.message(/^\s*tell\s+us\s*$/i, async (context) => {
    const actor = actorOf(context.activity);
    const card = await form(actor.tenantId);
    // What someone types in a form in a shared chat is theirs: the form goes to their 1:1 chat.
    if (conversationTypeOf(context.activity) !== 'personal') {
      const delivery = await proactive.sendToPerson(actor.tenantId, personKey(actor), card);
      const text = delivery.delivered ? 'I sent you a Tell us card in your chat with VoiceLoop.' : 'Open your chat with VoiceLoop and type "tell us" there.';
      await context.sendActivity(cardMessage(noticeCard('Tell us', text)));
      return;
    }
    await context.sendActivity(cardMessage(card));
  });
  app.adaptiveCards.actionExecute(
    VERBS.tellUsShow,
    invokeHandler(log, async (context) => {
      const actor = actorOf(context.activity);
      await sendCard(context, await form(actor.tenantId));
    })
  );
  app.adaptiveCards.actionExecute(
    VERBS.tellUsSend,
    invokeHandler(log, async (context, data) => {
      const actor = actorOf(context.activity);
      try {
        const result = await loop.tellUs(actor, data);
        await sendCard(context, tellUsSentCard({ areaName: result.area.name, delivered: result.delivered }));
        await replyPrivately(context, actor, result.reply);
      } catch (error) {
        if (!isDomainError(error) || !REFUSALS.includes(error.code)) throw error;
        if (error.code === 'closed') return sendCard(context, tellUsClosedCard());
        await sendCard(context, await form(actor.tenantId, `❗ ${error.message}`, strings(data)));
      }
    })
  );

  const areasCard = async (actor: Actor, notice?: string, tone: 'Good' | 'Attention' = 'Good') =>
    tellUsAreasCard({ areas: (await loop.settings(actor.tenantId)).areas, notice, noticeColor: tone });

  app.message(/^\s*tell\s+us\s+areas\s*$/i, async (context) => {
    const actor = actorOf(context.activity);
    try {
      loop.requireAdmin(actor);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      await context.sendActivity(cardMessage(noticeCard('Tell us areas', error.message, 'attention')));
      return;
    }
    await context.sendActivity(cardMessage(await areasCard(actor)));
  });
  const areaAction = (verb: string, run: (actor: Actor, data: InvokeData) => Promise<string>) =>
    app.adaptiveCards.actionExecute(
      verb,
      invokeHandler(log, async (context, data) => {
        const actor = actorOf(context.activity);
        await sendCardOrRefusal(
          context,
          REFUSALS,
          async () => areasCard(actor, await run(actor, data)),
          async (error) => (error.code === 'forbidden' ? noticeCard('Tell us areas', error.message, 'attention') : areasCard(actor, error.message, 'Attention'))
        );
      })
    );
  // `tell us area add <name> @person` (or their Entra object id instead of the mention).
  app.message(/^\s*tell\s+us\s+area\s+add\b([\s\S]*)$/i, async (context) => {
    const actor = actorOf(context.activity);
    let rest = (/^\s*tell\s+us\s+area\s+add\b([\s\S]*)$/i.exec(context.activity.text ?? '')?.[1] ?? '').replace(/<at>[^<]*<\/at>/g, ' ');
    const [person] = await mentionsOf(context);
    let ownerKey = person?.aadObjectId ?? '';
    let ownerName = person?.name;
    const typedId = /\b([0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4,13}){4})\b/.exec(rest);
    if (!person && typedId) {
      ownerKey = typedId[1]!;
      rest = rest.replace(typedId[0], ' ');
      ownerName = undefined;
    }
    if (person) for (const word of (person.name ?? '').split(/\s+/)) if (word) rest = rest.replace(`@${word}`, ' ');
    let card: AdaptiveCardJson;
    try {
      await loop.addArea(actor, { areaName: rest.replace(/\s+/g, ' ').trim(), ownerKey, ownerName });
      card = await areasCard(actor, 'Area added.');
    } catch (error) {
      if (!isDomainError(error) || !REFUSALS.includes(error.code)) throw error;
      card = error.code === 'forbidden' ? noticeCard('Tell us areas', error.message, 'attention') : await areasCard(actor, error.message, 'Attention');
    }
    await context.sendActivity(cardMessage(card));
  });
  areaAction(VERBS.tellUsAreaRemove, async (actor, data) => {
    await loop.removeArea(actor, data.areaId);
    return 'Area removed.';
  });

  // ---- easyread check (1:1) ---------------------------------------------------------------------

  app.message(/^\s*easyread\s+check\b([\s\S]*)$/i, async (context) => {
    const text = (/^\s*easyread\s+check\b([\s\S]*)$/i.exec(context.activity.text ?? '')?.[1] ?? '').trim();
    if (conversationTypeOf(context.activity) !== 'personal') {
      await context.sendActivity(cardMessage(noticeCard('Easy-read check', 'Use "easyread check" in your chat with VoiceLoop: your draft stays between you and VoiceLoop.', 'attention')));
      return;
    }
    if (text === '') {
      await context.sendActivity(cardMessage(noticeCard('Easy-read check', 'Type "easyread check" and then your text, for example: easyread check The SENCO will review your EHCP.')));
      return;
    }
    if (text.length > EASYREAD_CHECK_LIMIT) {
      await context.sendActivity(cardMessage(noticeCard('Easy-read check', `That is too long to check at once (at most ${EASYREAD_CHECK_LIMIT} characters). Check it a part at a time.`, 'attention')));
      return;
    }
    const problems = checkStaffText(text);
    await context.sendActivity(
      cardMessage(
        infoCard({
          title: problems.length === 0 ? '✅ Easy-read check: no problems found' : `📝 Easy-read check: ${problems.length} sentence${problems.length === 1 ? '' : 's'} to change`,
          text:
            problems.length === 0
              ? 'Every sentence is short and has no hard words from the glossary. The card below shows it with a symbol per line.'
              : 'The same rules as young people\'s cards: at most 15 words a sentence, no acronyms or hard words from the glossary; long words are a hint. A suggested easy-read version is below: check it reads right before you use it.',
          facts: problems.slice(0, 20).map((p) => ({ title: p.sentence.length > 150 ? `${p.sentence.slice(0, 147)}…` : p.sentence, value: p.problems.join('; ') }))
        })
      )
    );
    await context.sendActivity(cardMessage(suggestedEasyCard(text)));
  });
}
