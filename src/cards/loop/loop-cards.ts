/**
 * Cards of the two-way loop (docs/two-way-loop.md). Participants' cards (the "We did" card with its
 * three buttons, the follow-up, "Has it made things better?", Tell us) are easy read and pass the
 * easy-read check (src/cards/shared/easy-read.ts); staff cards show only suppressed counts.
 */
import weDidTemplate from './we-did-easy.json';
import tellUsTemplate from './tell-us-form.json';
import areasTemplate from './tell-us-areas.json';
import type { WeDid } from '../../domain/findings/findings';
import type { FindingsView } from '../../domain/findings/findings-service';
import { BETTER_ANSWERS, BETTER_LABELS, REACTIONS, REACTION_LABELS, ROLE_LABELS, type ServiceArea, TELL_US_ROLES, type TellUsRole } from '../../domain/loop/loop';
import type { FindingsFigures, LoopCards } from '../../domain/loop/loop-service';
import { describeCount } from '../../domain/shared/suppression';
import { dateForPeople, weDidLines } from '../findings/findings-cards';
import { SAFETY_PROMISE } from '../safeguarding/safety-promise';
import { easyInfoCard, line } from '../shared/easy-info-card';
import { infoCard } from '../shared/info-card';
import { type AdaptiveCardJson, renderCard } from '../shared/render';
import { sentence, stripSymbol } from '../shared/text';
import { VERBS } from '../shared/verbs';

type Line = { text: string; color: string };

interface ItemModel {
  lines: Line[];
  buttons: { title: string; verb: string; data: Record<string, string> }[];
  more: boolean;
  moreInput: string;
  moreData: Record<string, string>;
}

const speakOf = (title: string, lines: Line[]): string => [stripSymbol(title), ...lines.map((l) => stripSymbol(l.text))].map(sentence).join(' ');

/** The three buttons of a "We did": two reactions and "Tell us more" (a comment box). */
function reactionItem(surveyId: string, w: WeDid): ItemModel {
  return {
    lines: weDidLines(w),
    buttons: REACTIONS.map((reaction) => ({ title: REACTION_LABELS[reaction], verb: VERBS.loopReact, data: { surveyId, itemId: w.id, reaction } })),
    more: true,
    moreInput: `more_${w.id}`,
    moreData: { surveyId, itemId: w.id }
  };
}

function weDidCard(title: string, notice: string, lines: Line[], items: ItemModel[]): AdaptiveCardJson {
  return renderCard(weDidTemplate, {
    title,
    notice,
    lines,
    items,
    promise: SAFETY_PROMISE.easyRead,
    speak: speakOf(title, [...(notice ? [line(notice)] : []), ...lines, ...items.flatMap((i) => i.lines), line('🗳️ You can tell us if this is right.')])
  });
}

/** The easy-read card sent 1:1 to every person who took part, with the buttons on every "We did". */
export function weDidEasyCard(view: FindingsView, notice = ''): AdaptiveCardJson {
  const { findings } = view;
  return weDidCard(
    '📣 How your views changed things',
    notice,
    [
      line('👋 Thank you for telling us what you think.'),
      ...findings.youSaid.map((y) => line(`🗣️ You told us: ${sentence(y.easyText)}`)),
      line(`📅 We will tell you more by ${dateForPeople(findings.nextUpdate)}.`),
      line('👇 Is this right? Press a button under each one.')
    ],
    findings.weDid.map((w) => reactionItem(findings.surveyId, w))
  );
}

/** The short follow-up when a "We did" status changes: the item with its buttons. */
export function weDidFollowUpCard(view: FindingsView, item: WeDid): AdaptiveCardJson {
  return weDidCard('📣 News about your views', '', [line(`📅 We will tell you more by ${dateForPeople(view.findings.nextUpdate)}.`)], [reactionItem(view.findings.surveyId, item)]);
}

/** "Has it made things better?": one short easy-read question about a "We did" that is done. */
export function betterCheckCard(view: FindingsView, item: WeDid, notice = ''): AdaptiveCardJson {
  const surveyId = view.findings.surveyId;
  return weDidCard('🤔 Has it made things better?', notice, [line('👋 You told us what you think. We did something about it.')], [
    {
      lines: [line(`🛠️ ${sentence(item.easyText)}`), line('❓ Has it made things better?')],
      buttons: BETTER_ANSWERS.map((answer) => ({ title: BETTER_LABELS[answer], verb: VERBS.loopBetter, data: { surveyId, itemId: item.id, answer } })),
      more: false,
      moreInput: '',
      moreData: {}
    }
  ]);
}

/** The owner's card with a participant's comment (reactions are anonymous: no name). */
export function ownerCommentCard(input: { findings: { title: string }; item: WeDid; text: string }): AdaptiveCardJson {
  return infoCard({
    title: `💬 A comment on "We did": ${input.findings.title}`,
    text: 'Someone who took part pressed "Tell us more". It was screened for safeguarding like any answer.',
    facts: [
      { title: 'We did', value: input.item.text },
      { title: 'They said', value: input.text }
    ]
  });
}

/** The service-area owner's card. A view passed to the safeguarding lead shows no words and no name. */
export function tellUsOwnerCard(input: { area: ServiceArea; role: TellUsRole; text?: string; from?: string; withheld: boolean }): AdaptiveCardJson {
  const who = stripSymbol(ROLE_LABELS[input.role]);
  if (input.withheld) {
    return infoCard({
      title: `💬 Tell us: ${input.area.name}`,
      text: `${who} sent a view about ${input.area.name}. It was passed to the safeguarding lead, who has the words. You do not need to do anything.`,
      color: 'Attention'
    });
  }
  return infoCard({
    title: `💬 Tell us: ${input.area.name}`,
    text: 'A view sent with Tell us. You own this service area: please read it and reply to them.',
    facts: [
      { title: 'From', value: `${input.from ?? 'Someone'} (${who})` },
      { title: 'They said', value: input.text ?? '' }
    ]
  });
}

export const LOOP_CARDS: LoopCards = {
  weDidEasy: weDidEasyCard,
  followUp: weDidFollowUpCard,
  check: betterCheckCard,
  ownerComment: ownerCommentCard,
  tellUsOwner: tellUsOwnerCard
};

/** What people said back, beside each "We did" (owner and working group): suppressed counts only. */
export function loopFiguresCard(list: FindingsFigures[]): AdaptiveCardJson {
  const facts = list.flatMap((f) =>
    f.items.map((i) => {
      const t = f.threshold;
      const s = i.shown;
      const reactions = `👍 ${describeCount(s.right, t)} · 👎 ${describeCount(s.notWhat, t)} · 💬 ${describeCount(s.comments, t)}`;
      const better = i.item.status === 'done' ? ` · Better? yes ${describeCount(s.better.yes, t)}, a bit ${describeCount(s.better.aBit, t)}, no ${describeCount(s.better.no, t)}` : '';
      return { title: `${i.flagged ? '⚠️ ' : ''}${f.findings.title}: ${i.item.text}`.slice(0, 200), value: `${reactions}${better}` };
    })
  );
  const anyHidden = list.some((f) => f.items.some((i) => i.shown.suppressed));
  const threshold = list[0]?.threshold ?? 5;
  return infoCard({
    title: '🗳️ What people said back about "We did"',
    text:
      facts.length === 0
        ? 'No published findings to show here.'
        : `${anyHidden ? `🔒 Small numbers show as "fewer than ${threshold}" so nobody can be identified. ` : ''}⚠️ marks a "We did" most people said is not what they said.`,
    facts
  });
}

/** Tell us, in easy read for everyone (young people, parent carers and staff alike). */
export function tellUsFormCard(input: { areas: ServiceArea[]; notice?: string; values?: Record<string, string> }): AdaptiveCardJson {
  const lines = [
    line('👋 You can tell us what you think at any time.'),
    line('👤 The person in charge of that area will read it.'),
    line(SAFETY_PROMISE.easyRead)
  ];
  return renderCard(tellUsTemplate, {
    notice: input.notice ?? '',
    lines,
    roles: TELL_US_ROLES.map((r) => ({ title: ROLE_LABELS[r], value: r })),
    areas: input.areas.map((a) => ({ title: `📂 ${a.name}`, value: a.id })),
    role: input.values?.role ?? '',
    area: input.values?.area ?? '',
    text: input.values?.text ?? '',
    speak: speakOf('💬 Tell us', [...(input.notice ? [line(input.notice)] : []), ...lines])
  });
}

/** What the sender of a Tell us sees. */
export function tellUsSentCard(input: { areaName: string; delivered: boolean }): AdaptiveCardJson {
  const lines = input.delivered
    ? [line(`✅ Thank you. We sent it to the person in charge of ${input.areaName}.`), line('📬 They will read it.')]
    : [line('❗ Sorry. We could not send it now.'), line('🔁 Please try again later, or tell an adult you trust.')];
  return easyInfoCard({ title: '💬 Tell us', lines, buttons: [], easyRead: true });
}

/** Tell us is not set up yet (no service areas). */
export const tellUsClosedCard = (): AdaptiveCardJson =>
  easyInfoCard({ title: '💬 Tell us', lines: [line('🚧 Tell us is not ready yet.'), line('🧑‍💼 Please tell an adult you trust.')], buttons: [], easyRead: true });

/** Administrators' card: the service areas and who owns each. */
export function tellUsAreasCard(input: { areas: ServiceArea[]; notice?: string; noticeColor?: 'Default' | 'Good' | 'Attention' }): AdaptiveCardJson {
  return renderCard(areasTemplate, {
    notice: input.notice ?? '',
    noticeColor: input.noticeColor ?? 'Good',
    areas: input.areas.map((a) => ({ id: a.id, name: a.name, owner: a.ownerName ?? 'owner set' })),
    speak: `Tell us service areas. ${input.areas.length} set.`
  });
}
