/** Groups young people choose to join (docs/groups.md): ids, reviews' suppression, and every young people's card in easy read. */
import { describe, expect, it } from 'vitest';
import { certificateCard, groupOfferCard, joinedCard, leftCard, myVoiceCard, reviewCard } from '../../src/cards/groups/group-cards';
import { checkEasyRead } from '../../src/cards/shared/easy-read';
import type { AdaptiveCardJson } from '../../src/cards/shared/render';
import type { Findings } from '../../src/domain/findings/findings';
import { type ParticipationGroup, defaultPurpose, groupIdOf, validateGroupName } from '../../src/domain/groups/groups';
import { parseReviewChoice, tallyReviews, type ReviewVote } from '../../src/domain/groups/review';
import { expectValidCard } from '../helpers/card-validator';
import { domainErrorOf } from '../helpers/fixtures';

const group = (name: string): ParticipationGroup => ({ tenantId: 't', groupId: groupIdOf(name), name, purpose: defaultPurpose(name), createdBy: 'o', createdAt: new Date(0) });

const findings = {
  tenantId: 't',
  surveyId: '0b6f3c1e-1d2a-4c3b-9e8f-7a6b5c4d3e2f',
  title: 'How was today?',
  weDid: [{ id: 'w1', text: 'A music night every month', easyText: 'We will have a music night every month', status: 'planned', reason: '', owner: 'Lead', when: '2026-04-07', updatedAt: '' }]
} as unknown as Findings;

function easy(card: AdaptiveCardJson, label: string): void {
  expectValidCard(card, label);
  expect(checkEasyRead(card), label).toEqual([]);
}

describe('group ids and names', () => {
  it('makes a short id from the name; refuses a name with no letters or numbers, and a blank one', () => {
    expect(groupIdOf('Young Commissioners')).toBe('young-commissioners');
    expect(groupIdOf('  Youth   Forum! ')).toBe('youth-forum');
    expect(groupIdOf('Café Crew')).toBe('cafe-crew');
    expect(domainErrorOf(() => groupIdOf('!!!')).message).toContain('letters or numbers');
    expect(domainErrorOf(() => validateGroupName('   ')).code).toBe('invalid_input');
    expect(domainErrorOf(() => validateGroupName('x'.repeat(61))).message).toContain('too long');
  });
});

describe('reviews', () => {
  const vote = (itemId: string, choice: ReviewVote['choice'], comment = ''): ReviewVote => ({ surveyId: 's', itemId, reviewerKey: Math.random().toString(36), choice, comment });

  it('counts per item, suppressing small counts as one group; zeros stay exact', () => {
    const [small, large] = tallyReviews(['a', 'b'], [vote('a', 'agree'), vote('a', 'agree'), vote('a', 'disagree', 'No'), ...Array.from({ length: 6 }, () => vote('b', 'agree')), ...Array.from({ length: 5 }, () => vote('b', 'notSure'))], 5);
    expect(small!.shown).toEqual([{ kind: 'few' }, { kind: 'exact', value: 0 }, { kind: 'few' }]);
    expect(small!.comments).toEqual(['No']);
    expect(large!.shown).toEqual([{ kind: 'exact', value: 6 }, { kind: 'exact', value: 5 }, { kind: 'exact', value: 0 }]);
  });

  it('accepts only the three choices', () => {
    expect(parseReviewChoice('notSure')).toBe('notSure');
    expect(domainErrorOf(() => parseReviewChoice('maybe')).code).toBe('invalid_input');
  });
});

describe('young people\'s group cards are easy read and valid', () => {
  it('offer (with and without groups), joined, left, my voice, certificate, review', () => {
    const forum = group('Youth Forum');
    easy(groupOfferCard([{ group: forum, member: false }, { group: group('Young Commissioners'), member: true }]), 'offer');
    easy(groupOfferCard([]), 'offer, none');
    easy(joinedCard(forum), 'joined');
    easy(leftCard(forum), 'left');
    const took = [{ surveyId: 's1', title: 'How was today?', changes: [{ text: 'We will have a music night every month', status: 'planned' as const }] }, { surveyId: 's2', title: 'Your bus', changes: [] }];
    easy(myVoiceCard(took, [forum]), 'my voice');
    easy(myVoiceCard([], []), 'my voice, empty');
    easy(certificateCard('Mo', took, 'Olu'), 'certificate');
    easy(certificateCard(undefined, [took[1]!], undefined), 'certificate, nothing changed yet');
    easy(reviewCard(findings, findings.weDid[0]!, 'young-commissioners'), 'review');
    easy(reviewCard(findings, findings.weDid[0]!, 'young-commissioners', '✅ Thank you. We have your view.'), 'review, thanked');
  });
});
