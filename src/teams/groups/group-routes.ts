/**
 * Groups young people choose to join and recognition (docs/groups.md):
 * - `groups` / `group`: the groups (officers: with counts; young people: what joining means, Join/Leave);
 * - officers: `group new <name>`, `group <id>` (members, who chose to join), `group <id> add @name …`,
 *   `group <id> remove @name …`; administrators: `group officer @name`;
 * - `my voice`: what you took part in and what changed because of it;
 * - officers: `certificate @name` sends an easy-read thank-you certificate 1:1;
 * - buttons: "🙋 I want to help more" (thank-you and session-end cards), Join, Leave, Remove.
 */
import type { TurnContext } from 'botbuilder';
import {
  certificateCard, groupCard, groupListCard, groupOfferCard, joinedCard, leftCard, myVoiceCard, reviewCard, reviewChooserCard, reviewResultsCard, reviewSentCard
} from '../../cards/groups/group-cards';
import { noticeCard } from '../../cards/shared/notice-card';
import { VERBS } from '../../cards/shared/verbs';
import type { GroupService, NamedPerson } from '../../domain/groups/group-service';
import type { RecognitionService } from '../../domain/groups/recognition';
import type { ReviewService } from '../../domain/groups/review-service';
import { type Actor, personKey } from '../../domain/shared/conversation';
import { DomainError, isDomainError } from '../../domain/shared/errors';
import { actorOf, tenantOf } from '../shared/activity';
import { cardMessage } from '../shared/card-message';
import { sendCard } from '../shared/invoke';
import { type App, type TeamsDeps, invokeHandler, requireString } from '../shared/route-helpers';
import { mentionsOf } from '../privacy/privacy-routes';

export interface GroupRouteDeps {
  groups: GroupService;
  recognition: RecognitionService;
  reviews: ReviewService;
}

const GROUP = /^\s*groups?(?:\s+(.*))?$/is;
const MY_VOICE = /^\s*my\s+voice\s*$/i;
const CERTIFICATE = /^\s*certificate\b(.*)$/is;

/** The people @mentioned (not the bot), keyed like everyone else: Entra object id when Teams gives it. */
async function namedPeople(context: TurnContext): Promise<NamedPerson[]> {
  const mentions = await mentionsOf(context);
  const seen = new Map<string, NamedPerson>();
  for (const m of mentions) {
    const key = m.aadObjectId?.toLowerCase() ?? m.id;
    if (!seen.has(key)) seen.set(key, { personKey: m.aadObjectId ?? m.id, userId: m.id, name: m.name });
  }
  return [...seen.values()];
}

export function registerGroupRoutes(app: App, deps: TeamsDeps & GroupRouteDeps): void {
  const { groups, recognition, reviews, log } = deps;

  const refuse = async (context: TurnContext, title: string, error: unknown): Promise<void> => {
    if (!isDomainError(error)) throw error;
    log.info({ code: error.code }, `${title}: refused`);
    await context.sendActivity(cardMessage(noticeCard(title, error.message, 'attention')));
  };

  const listFor = async (actor: Actor) => {
    if (!(await groups.canManage(actor))) return groupOfferCard(await groups.choicesFor(actor));
    const all = await groups.list(actor.tenantId);
    const counted = await Promise.all(
      all.map(async (group) => {
        const { members } = await groups.view(actor, group.groupId);
        return { group, members: members.length, chose: members.filter((m) => m.joinedBy === 'self').length };
      })
    );
    return groupListCard(counted, true);
  };

  app.message(GROUP, async (context) => {
    const actor = actorOf(context.activity);
    const rest = (GROUP.exec(context.activity.text ?? '')?.[1] ?? '').replace(/<at>.*?<\/at>/gis, ' ').trim();
    try {
      if (rest === '') return void (await context.sendActivity(cardMessage(await listFor(actor))));
      const created = /^new\s+(.+)$/is.exec(rest);
      if (created) {
        const group = await groups.create(actor, created[1]);
        return void (await context.sendActivity(cardMessage(groupCard(group, [], `Created. Young people can join "${group.name}" now.`))));
      }
      if (/^officers?$/i.test(rest)) {
        const [person, ...others] = await namedPeople(context);
        if (!person || others.length > 0) throw new DomainError('invalid_input', '@mention one person: "group officer @name".');
        await groups.addOfficer(actor, person);
        return void (await context.sendActivity(cardMessage(noticeCard('Participation officer added', `${person.name ?? 'They'} can now create groups and manage their members.`, 'good'))));
      }
      const [groupId = '', verb = '', ...extra] = rest.split(/\s+/);
      if (verb === '' ) {
        const view = await groups.view(actor, groupId);
        return void (await context.sendActivity(cardMessage(groupCard(view.group, view.members))));
      }
      if (/^add$/i.test(verb) && extra.length === 0) {
        const result = await groups.addMembers(actor, groupId, await namedPeople(context));
        const view = await groups.view(actor, result.group.groupId);
        const notice = `${result.added} added${result.already > 0 ? `, ${result.already} already in it` : ''}. People added by staff still count toward the fatigue cap; those who join themselves do not.`;
        return void (await context.sendActivity(cardMessage(groupCard(view.group, view.members, notice))));
      }
      if (/^remove$/i.test(verb) && extra.length === 0) {
        const people = await namedPeople(context);
        if (people.length === 0) throw new DomainError('invalid_input', `@mention the people to remove, e.g. "group ${groupId} remove @Sam".`);
        let removed = 0;
        for (const p of people) if ((await groups.removeMember(actor, groupId, p.personKey)).removed) removed++;
        const view = await groups.view(actor, groupId);
        return void (await context.sendActivity(cardMessage(groupCard(view.group, view.members, `${removed} removed.`))));
      }
      if (/^review$/i.test(verb) && extra.length === 0) {
        const group = await groups.get(actor.tenantId, groupId);
        return void (await context.sendActivity(cardMessage(reviewChooserCard(group, await reviews.reviewable(actor)))));
      }
      throw new DomainError('invalid_input', 'Try "groups", "group new <name>", "group <id>", "group <id> add @name" or "group <id> remove @name".');
    } catch (error) {
      await refuse(context, 'Groups', error);
    }
  });

  app.message(MY_VOICE, async (context) => {
    const actor = actorOf(context.activity);
    const [contributions, choices] = await Promise.all([recognition.contributionsOf(actor.tenantId, personKey(actor)), groups.choicesFor(actor)]);
    await context.sendActivity(cardMessage(myVoiceCard(contributions, choices.filter((c) => c.member).map((c) => c.group))));
  });

  app.message(CERTIFICATE, async (context) => {
    const actor = actorOf(context.activity);
    try {
      if (!(await groups.canManage(actor))) throw new DomainError('forbidden', 'Only participation officers and VoiceLoop administrators can send certificates.');
      const people = await namedPeople(context);
      if (people.length !== 1) throw new DomainError('invalid_input', '@mention one person: "certificate @name".');
      const person = people[0]!;
      const contributions = await recognition.contributionsOf(actor.tenantId, person.personKey);
      if (contributions.length === 0) throw new DomainError('invalid_input', `${person.name ?? 'They'} have not taken part in a survey or session yet, so there is nothing to thank them for here.`);
      const sent = await deps.proactive.sendToPerson(actor.tenantId, person.personKey, certificateCard(person.name, contributions, actor.name));
      if (!sent.delivered) throw new DomainError('unsupported', `The certificate could not be sent: ${sent.reason}.`);
      await context.sendActivity(cardMessage(noticeCard('Certificate sent', `${person.name ?? 'They'} got an easy-read thank-you certificate in their 1:1 chat with VoiceLoop.`, 'good')));
    } catch (error) {
      await refuse(context, 'Certificate not sent', error);
    }
  });

  app.adaptiveCards.actionExecute(
    VERBS.groupsOffer,
    invokeHandler(log, async (context) => {
      await sendCard(context, groupOfferCard(await groups.choicesFor(actorOf(context.activity))));
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.groupsJoin,
    invokeHandler(log, async (context, data) => {
      await sendCard(context, joinedCard(await groups.join(actorOf(context.activity), requireString(data, 'groupId'))));
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.groupsLeave,
    invokeHandler(log, async (context, data) => {
      await sendCard(context, leftCard(await groups.leave(actorOf(context.activity), requireString(data, 'groupId'))));
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.groupsShow,
    invokeHandler(log, async (context, data) => {
      const view = await groups.view(actorOf(context.activity), requireString(data, 'groupId'));
      await sendCard(context, groupCard(view.group, view.members));
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.groupsMemberRemove,
    invokeHandler(log, async (context, data) => {
      const actor = actorOf(context.activity);
      const { group, removed } = await groups.removeMember(actor, requireString(data, 'groupId'), requireString(data, 'personKey'));
      const view = await groups.view(actor, group.groupId);
      await sendCard(context, groupCard(view.group, view.members, removed ? 'Removed.' : 'They had already left.'));
    })
  );

  // Young Commissioners review recommendations: the officer sends, members answer, the owner sees the counts.
  app.adaptiveCards.actionExecute(
    VERBS.groupsReview,
    invokeHandler(log, async (context, data) => {
      const actor = actorOf(context.activity);
      const { group, findings, members } = await reviews.toSend(actor, requireString(data, 'groupId'), requireString(data, 'surveyId'));
      let sent = 0;
      let already = 0;
      const unreachable: string[] = [];
      for (const member of members) {
        if (!(await reviews.claimSend(actor.tenantId, findings.surveyId, group.groupId, member.personKey))) {
          already++;
          continue;
        }
        try {
          let delivered = true;
          for (const item of findings.weDid) {
            const result = await deps.proactive.sendToPerson(actor.tenantId, member.personKey, reviewCard(findings, item, group.groupId));
            if (!result.delivered) {
              delivered = false;
              break;
            }
          }
          if (delivered) sent++;
          else {
            unreachable.push(member.name ?? 'someone');
            await reviews.releaseSend(actor.tenantId, findings.surveyId, group.groupId, member.personKey);
          }
        } catch (error) {
          await reviews.releaseSend(actor.tenantId, findings.surveyId, group.groupId, member.personKey);
          throw error;
        }
      }
      await sendCard(context, reviewSentCard(group, findings, { sent, already, unreachable }));
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.groupsReviewSend,
    invokeHandler(log, async (context, data) => {
      const { findings, item, group, reply } = await reviews.record(actorOf(context.activity), data);
      // Flagged: the young person sees the safeguarding reply (the lead has been told), nothing else.
      await sendCard(context, reply ?? reviewCard(findings, item, group.groupId, '✅ Thank you. We have your view. You can change it.'));
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.groupsReviewResults,
    invokeHandler(log, async (context, data) => {
      const { findings, tallies, threshold } = await reviews.results(actorOf(context.activity), requireString(data, 'surveyId'));
      await sendCard(context, reviewResultsCard(findings, tallies, threshold, true));
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.groupsMyVoice,
    invokeHandler(log, async (context) => {
      const actor = actorOf(context.activity);
      const [contributions, choices] = await Promise.all([recognition.contributionsOf(tenantOf(context.activity), personKey(actor)), groups.choicesFor(actor)]);
      await sendCard(context, myVoiceCard(contributions, choices.filter((c) => c.member).map((c) => c.group)));
    })
  );
}
