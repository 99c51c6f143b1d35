/** Cards of retention and erasure (docs/privacy.md). Every value is bound as data through the view model. */
import template from './privacy.json';
import { type EraseCounts, KEPT_ON_ERASE, type PersonIdentity, type PrivacySettings, RETENTION, describeCounts, totalOf } from '../../domain/privacy/privacy';
import { formatForPeople } from '../../domain/shared/time';
import { type AdaptiveCardJson, renderCard } from '../shared/render';
import { VERBS } from '../shared/verbs';

interface PrivacyCardModel {
  title: string;
  text: string;
  color: 'Default' | 'Good' | 'Attention';
  facts: { title: string; value: string }[];
  keptTitle: string;
  kept: { what: string; why: string }[];
  footer: string;
  actions: { title: string; verb: string; style: 'default' | 'positive' | 'destructive'; data: Record<string, unknown> }[];
  speak: string;
}

function card(model: Partial<PrivacyCardModel> & Pick<PrivacyCardModel, 'title' | 'speak'>): AdaptiveCardJson {
  return renderCard<PrivacyCardModel>(template, { text: '', color: 'Default', facts: [], keptTitle: '', kept: [], footer: '', actions: [], ...model });
}

const who = (person: PersonIdentity): string => person.name ?? person.keys[0] ?? 'this person';

/** What an erase removes (counts per kind, as facts and spoken) and what it keeps, and why: on both of its cards. */
function eraseParts(counts: EraseCounts): Pick<PrivacyCardModel, 'facts' | 'keptTitle' | 'kept'> & { spokenCounts: string } {
  const lines = describeCounts(counts);
  return {
    facts: lines.map((l) => ({ title: l.label, value: String(l.count) })),
    keptTitle: 'Kept, and why',
    kept: [...KEPT_ON_ERASE],
    spokenCounts: lines.map((l) => `${l.label}: ${l.count}.`).join(' ')
  };
}

/** `privacy retention`: the tenant's setting, and how to change it (admins). */
export function retentionCard(settings: PrivacySettings, input: { isAdmin: boolean; timeZone: string; notice?: string }): AdaptiveCardJson {
  const text =
    `Written answers to a survey are deleted ${settings.retentionDays} days after it closes. ` +
    'The counts (results, digests) stay. Answers that raised a safeguarding concern reached the designated safeguarding lead at the time.';
  const facts = [
    { title: 'Keep answers for', value: `${settings.retentionDays} days after a survey closes` },
    { title: 'Allowed', value: `${RETENTION.minDays} to ${RETENTION.maxDays} days (default ${RETENTION.defaultDays})` },
    ...(settings.updatedAt ? [{ title: 'Last changed', value: formatForPeople(settings.updatedAt, input.timeZone) }] : [])
  ];
  const footer = input.isAdmin
    ? 'To change it, type "privacy retention" and a number of days, e.g. "privacy retention 730". Closed surveys are re-planned at once.'
    : 'VoiceLoop administrators can change this.';
  return card({
    title: input.notice ?? 'Privacy: how long answers are kept',
    color: input.notice ? 'Good' : 'Default',
    text,
    facts,
    footer,
    speak: `${input.notice ? `${input.notice}. ` : ''}${text}`
  });
}

/** Step 1 of `privacy erase`: what would be removed and kept; nothing has changed yet. */
export function eraseConfirmCard(input: { requestId: string; person: PersonIdentity; counts: EraseCounts }): AdaptiveCardJson {
  const { spokenCounts, ...parts } = eraseParts(input.counts);
  const title = `Erase what VoiceLoop holds about ${who(input.person)}?`;
  const text = `This removes ${totalOf(input.counts)} stored items for good. It cannot be undone. Nothing has been changed yet.`;
  return card({
    title,
    color: 'Attention',
    text,
    ...parts,
    footer: `Stored as: ${input.person.keys.join(', ')}`,
    actions: [
      { title: 'Erase', verb: VERBS.privacyEraseConfirm, style: 'destructive', data: { requestId: input.requestId, person: input.person } },
      { title: 'Cancel', verb: VERBS.privacyEraseCancel, style: 'default', data: { requestId: input.requestId } }
    ],
    speak: `${title} ${text} ${spokenCounts}`
  });
}

/** Step 2: what was removed (counts per kind) and what was kept, and why. */
export function eraseDoneCard(input: { person: PersonIdentity; counts: EraseCounts; alreadyDone: boolean }): AdaptiveCardJson {
  const { spokenCounts, ...parts } = eraseParts(input.counts);
  const title = input.alreadyDone ? `Already erased: ${who(input.person)}` : `Erased: ${who(input.person)}`;
  const text = input.alreadyDone
    ? 'This erase had already run. These are the counts of that run; nothing else was changed.'
    : totalOf(input.counts) === 0
      ? 'Nothing was left to remove: it had already been erased.'
      : `${totalOf(input.counts)} stored items were removed. The audit trail records that an erase happened, with these counts only.`;
  return card({
    title,
    color: 'Good',
    text,
    ...parts,
    speak: `${title}. ${text} ${spokenCounts}`
  });
}

export function eraseCancelledCard(): AdaptiveCardJson {
  return card({ title: 'Erase cancelled', text: 'Nothing was changed.', speak: 'Erase cancelled. Nothing was changed.' });
}
