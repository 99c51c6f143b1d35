/**
 * Cards of groups young people choose to join, recognition and reviews (docs/groups.md). Young people's
 * cards are easy read (they pass src/cards/shared/easy-read.ts); officers' cards use the same builder
 * at standard size.
 */
import { STATUS_EASY } from '../../domain/findings/findings';
import type { Findings } from '../../domain/findings/findings';
import { type GroupMember, JOINING_MEANS, type ParticipationGroup } from '../../domain/groups/groups';
import type { Contribution } from '../../domain/groups/recognition';
import { REVIEW_CHOICES, REVIEW_LABELS, type ReviewTally } from '../../domain/groups/review';
import { describeCount } from '../../domain/shared/suppression';
import { type InfoButton, easyInfoCard, execute, line } from '../shared/easy-info-card';
import type { AdaptiveCardJson } from '../shared/render';
import { VERBS } from '../shared/verbs';
import reviewTemplate from './group-review.json';
import { renderCard } from '../shared/render';
import { sentence, stripSymbol } from '../shared/text';

/** On the survey's thank-you and session-end cards: optional, one press away from what joining means. */
export const helpMoreButton = (): InfoButton => execute('🙋 I want to help more', VERBS.groupsOffer, {});

/** A line of text a person wrote, given a symbol when it has none (easy read puts one on every line). */
const symbolled = (text: string, symbol: string): string => (/^\s*\p{Extended_Pictographic}/u.test(text) ? text : `${symbol} ${text}`);

/** What joining means, then each group with Join or Leave (easy read). */
export function groupOfferCard(choices: { group: ParticipationGroup; member: boolean }[], notice?: string): AdaptiveCardJson {
  const lines = [
    ...(notice ? [line(notice, 'Good')] : []),
    line('🙋 You can join a group to help the council more.'),
    ...JOINING_MEANS.map((t) => line(t)),
    ...choices.flatMap(({ group, member }) => [
      line(`👥 ${group.name}`),
      line(symbolled(group.purpose, '💬')),
      ...(member ? [line('✅ You are in this group.', 'Good')] : [])
    ])
  ];
  if (choices.length === 0) lines.push(line('ℹ️ There are no groups to join yet. Ask the person who runs this.'));
  return easyInfoCard({
    title: '🙋 Help us more',
    easyRead: true,
    lines,
    buttons: choices.map(({ group, member }) =>
      member ? execute(`🚪 Leave ${group.name}`, VERBS.groupsLeave, { groupId: group.groupId }) : execute(`✅ Join ${group.name}`, VERBS.groupsJoin, { groupId: group.groupId }, 'positive')
    )
  });
}

export function joinedCard(group: ParticipationGroup): AdaptiveCardJson {
  return easyInfoCard({
    title: `🎉 You joined ${group.name}`,
    easyRead: true,
    lines: [line('💛 Thank you for wanting to help more.'), line('💬 We will send you more questions.'), line('🚪 You can leave at any time.')],
    buttons: [execute(`🚪 Leave ${group.name}`, VERBS.groupsLeave, { groupId: group.groupId })]
  });
}

export function leftCard(group: ParticipationGroup): AdaptiveCardJson {
  return easyInfoCard({
    title: `👋 You left ${group.name}`,
    easyRead: true,
    lines: [line('✅ You are not in this group now.'), line('🙂 That is fine. Thank you for your help.'), line('🔁 You can join again at any time.')],
    buttons: [execute(`✅ Join ${group.name}`, VERBS.groupsJoin, { groupId: group.groupId })]
  });
}

/** The officer's view: who is in the group and who chose to join (they are not held back by the fatigue cap). */
export function groupCard(group: ParticipationGroup, members: GroupMember[], notice?: string): AdaptiveCardJson {
  const chose = members.filter((m) => m.joinedBy === 'self');
  const shown = members.slice(0, 30);
  return easyInfoCard({
    title: `👥 ${group.name}`,
    easyRead: false,
    lines: [
      ...(notice ? [line(`✅ ${notice}`, 'Good')] : []),
      line(symbolled(group.purpose, '💬')),
      line(`🆔 Send it a survey with "survey send group ${group.groupId}". Add people with "group ${group.groupId} add @name".`),
      ...shown.map((m) => line(m.joinedBy === 'self' ? `🙋 ${m.name ?? 'Someone'}: chose to join` : `👤 ${m.name ?? 'Someone'}: added by staff`)),
      ...(members.length > shown.length ? [line(`➕ And ${members.length - shown.length} more.`)] : []),
      ...(members.length === 0 ? [line('ℹ️ Nobody has joined yet. The "🙋 I want to help more" button on thank-you cards lets young people join.')] : [])
    ],
    facts: [
      { title: 'Members', value: String(members.length) },
      { title: 'Chose to join', value: String(chose.length) },
      { title: 'Added by staff', value: String(members.length - chose.length) }
    ],
    buttons: shown.map((m) => execute(`➖ Remove ${m.name ?? 'member'}`, VERBS.groupsMemberRemove, { groupId: group.groupId, personKey: m.personKey }))
  });
}

export function groupListCard(groups: { group: ParticipationGroup; members: number; chose: number }[], canManage: boolean): AdaptiveCardJson {
  return easyInfoCard({
    title: '👥 Groups young people can join',
    easyRead: false,
    lines: [
      ...groups.map((g) => line(`👥 ${g.group.name} ("group ${g.group.groupId}"): ${g.members} members, ${g.chose} chose to join`)),
      ...(groups.length === 0 ? [line('ℹ️ There are no groups yet.')] : []),
      ...(canManage ? [line('➕ Create one with "group new <name>", e.g. "group new Youth Forum".')] : [])
    ],
    buttons: canManage ? groups.map((g) => execute(`👥 ${g.group.name}`, VERBS.groupsShow, { groupId: g.group.groupId })) : []
  });
}

/** What changed, per "We did" item, in easy read. */
const changeLine = (c: Contribution['changes'][number]) => line(`${STATUS_EASY[c.status].symbol} ${stripSymbol(c.text)}`);

/** `my voice`: what they took part in, what changed because of it, and their groups (leave any time). */
export function myVoiceCard(contributions: Contribution[], groups: ParticipationGroup[]): AdaptiveCardJson {
  const lines = contributions.flatMap((c) => [
    line(`📝 You helped with: ${c.title}`),
    ...(c.changes.length > 0 ? c.changes.map(changeLine) : [line('⏳ We are still working on what to do.')])
  ]);
  if (contributions.length === 0) lines.push(line('🌱 You have not taken part yet. When you do, it shows here.'));
  lines.push(...groups.map((g) => line(`👥 You are in: ${g.name}`)));
  return easyInfoCard({
    title: '🗣️ My voice',
    easyRead: true,
    lines: [line('💛 This is what you took part in.'), line('🔁 It shows what changed because of you.'), ...lines],
    buttons: [...groups.map((g) => execute(`🚪 Leave ${g.name}`, VERBS.groupsLeave, { groupId: g.groupId })), helpMoreButton()]
  });
}

/** The easy-read certificate a participation officer sends: "Thank you for helping to change…". */
export function certificateCard(name: string | undefined, contributions: Contribution[], from: string | undefined): AdaptiveCardJson {
  const changes = contributions.flatMap((c) => c.changes).slice(0, 5);
  return easyInfoCard({
    title: `🏅 Thank you${name ? `, ${name}` : ''}!`,
    easyRead: true,
    lines: [
      line('💛 Thank you for helping to change things.'),
      ...(changes.length > 0 ? [line('🔁 You helped to change:'), ...changes.map(changeLine)] : []),
      ...contributions.slice(0, 5).map((c) => line(`📝 You helped with: ${c.title}`)),
      line('🌟 Your voice made a difference.'),
      ...(from ? [line(`✍️ From: ${from}`)] : [])
    ],
    buttons: [execute('🗣️ See my voice', VERBS.groupsMyVoice, {})]
  });
}

/** One recommendation for a group member to review: agree / not sure / disagree and a comment (easy read). */
export function reviewCard(findings: Findings, item: Findings['weDid'][number], groupId: string, notice?: string): AdaptiveCardJson {
  const text = stripSymbol(item.easyText || item.text);
  const title = `🔎 What do you think?`;
  const lines = [
    ...(notice ? [line(notice, 'Good')] : []),
    line(`📝 About: ${findings.title}`),
    line(`💡 The idea: ${text}`),
    line('🗳️ Do you agree with this idea?')
  ];
  return renderCard(reviewTemplate, {
    title,
    lines,
    choices: REVIEW_CHOICES.map((c) => ({ title: REVIEW_LABELS[c], value: c })),
    verb: VERBS.groupsReviewSend,
    data: { surveyId: findings.surveyId, itemId: item.id, groupId },
    speak: [stripSymbol(title), ...lines.map((l) => stripSymbol(l.text))].map(sentence).join(' ')
  });
}

/** The findings' owner (and officers): each recommendation's counts, suppressed, and comments. */
export function reviewResultsCard(findings: Findings, tallies: ReviewTally[], threshold: number, showComments: boolean): AdaptiveCardJson {
  const byId = new Map(findings.weDid.map((w) => [w.id, w]));
  return easyInfoCard({
    title: `🔎 Young people's review: ${findings.title}`,
    easyRead: false,
    lines: tallies.flatMap((t) => [
      line(`💡 ${stripSymbol(byId.get(t.itemId)?.text ?? 'A removed item')}`),
      line(`🗳️ ${REVIEW_CHOICES.map((c, i) => `${stripSymbol(REVIEW_LABELS[c])}: ${describeCount(t.shown[i]!, threshold)}`).join(' · ')}`),
      ...(showComments ? t.comments.slice(0, 10).map((c) => line(`💬 "${c}"`)) : [])
    ]),
    buttons: []
  });
}

/** The officer chooses which of their findings the group reviews. */
export function reviewChooserCard(group: ParticipationGroup, findings: Findings[]): AdaptiveCardJson {
  return easyInfoCard({
    title: `🔎 Ask ${group.name} to review`,
    easyRead: false,
    lines: [
      line('🗳️ Each member gets one easy-read card per "We did" item: agree, not sure or disagree, and a comment.'),
      ...(findings.length === 0 ? [line('ℹ️ You have no findings with a "We did" item yet. Type "findings" to write some.')] : [])
    ],
    buttons: findings.flatMap((f) => [
      execute(`📨 Send "${f.title}"`, VERBS.groupsReview, { groupId: group.groupId, surveyId: f.surveyId }, 'positive'),
      execute(`📊 Review of "${f.title}"`, VERBS.groupsReviewResults, { surveyId: f.surveyId })
    ])
  });
}

export function reviewSentCard(group: ParticipationGroup, findings: Findings, outcome: { sent: number; already: number; unreachable: string[] }): AdaptiveCardJson {
  return easyInfoCard({
    title: `🔎 Sent to ${group.name} for review`,
    easyRead: false,
    lines: [
      line(`✅ ${outcome.sent} ${outcome.sent === 1 ? 'member' : 'members'} got the review cards for "${findings.title}".`, 'Good'),
      ...(outcome.already > 0 ? [line(`🔁 ${outcome.already} had them already and did not get them twice.`)] : []),
      ...(outcome.unreachable.length > 0 ? [line(`⚠️ Not reached (no 1:1 chat with VoiceLoop yet): ${outcome.unreachable.join(', ')}.`, 'Attention')] : [])
    ],
    buttons: [execute('📊 See the review', VERBS.groupsReviewResults, { surveyId: findings.surveyId })]
  });
}
