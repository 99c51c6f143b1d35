/**
 * The two-way loop's pure rules and cards (issue 15): reaction counts suppressed one by one, the
 * "Not what we said" majority, the check's day, Tell us parsing, the easy-read checker for staff text,
 * and every new young people's card passing the easy-read check and the real Adaptive Cards parser.
 */
import { describe, expect, it } from 'vitest';
import { checkStaffText, easyReadLines, suggestedEasyCard, symbolFor } from '../../src/cards/loop/easyread-checker';
import { betterCheckCard, tellUsClosedCard, tellUsFormCard, tellUsSentCard, weDidEasyCard, weDidFollowUpCard, loopFiguresCard, tellUsAreasCard, tellUsOwnerCard } from '../../src/cards/loop/loop-cards';
import { checkEasyRead } from '../../src/cards/shared/easy-read';
import { printablePage } from '../../src/cards/loop/printable-page';
import { pagePath, verifyPageLink } from '../../src/domain/loop/printable';
import type { Findings, WeDid } from '../../src/domain/findings/findings';
import type { FindingsView } from '../../src/domain/findings/findings-service';
import { checkDueAt, emptyTally, notWhatMajority, parseArea, parseTellUs, shownTally, sumDays } from '../../src/domain/loop/loop';
import { expectValidCard } from '../helpers/card-validator';
import { cardText } from '../helpers/card-query';

const weDid = (over: Partial<WeDid> = {}): WeDid => ({
  id: 'w1',
  text: 'We will hold a music night every month',
  easyText: 'We will have a music night every month',
  status: 'planned',
  reason: '',
  owner: 'Youth club lead',
  when: '2031-04-07',
  updatedAt: '2031-03-01T00:00:00Z',
  ...over
});

const view = (items: WeDid[]): FindingsView =>
  ({
    findings: {
      tenantId: 't',
      surveyId: '6d1f3a52-5c7e-4a0e-9d1b-2f4b8c9e0a11',
      title: 'Youth club',
      owner: 'o',
      ownerUserId: 'u',
      youSaid: [{ id: 't1', text: 'More music', easyText: 'You want more music', support: [] }],
      weDid: items,
      nextUpdate: '2031-05-01',
      state: 'published',
      roundCount: 0,
      version: 1,
      createdAt: new Date(),
      updatedAt: new Date()
    } as Findings,
    survey: {} as never,
    figures: {} as never
  }) as FindingsView;

describe('reaction counts', () => {
  it('each count from 1 to threshold-1 reads "few", zeros and large counts stay, whatever the other count', () => {
    for (let right = 0; right <= 7; right++) {
      for (let notWhat = 0; notWhat <= 7; notWhat++) {
        const shown = shownTally({ ...emptyTally(), right, notWhat }, 5);
        for (const [n, cell] of [[right, shown.right], [notWhat, shown.notWhat]] as const) {
          if (n > 0 && n < 5) expect(cell).toEqual({ kind: 'few' });
          else expect(cell).toEqual({ kind: 'exact', value: n });
        }
        expect(shown.suppressed).toBe((right > 0 && right < 5) || (notWhat > 0 && notWhat < 5));
      }
    }
  });

  it('"Not what we said" is flagged only as a strict majority of at least the threshold', () => {
    expect(notWhatMajority({ ...emptyTally(), right: 0, notWhat: 4 }, 5)).toBe(false); // too few to say
    expect(notWhatMajority({ ...emptyTally(), right: 2, notWhat: 3 }, 5)).toBe(true);
    expect(notWhatMajority({ ...emptyTally(), right: 3, notWhat: 3 }, 5)).toBe(false); // a tie is not a majority
    expect(notWhatMajority({ ...emptyTally(), right: 10, notWhat: 2 }, 5)).toBe(false);
  });

  it('the check is due the set number of days after "done"', () => {
    expect(checkDueAt(new Date('2031-03-03T16:00:00Z'), 28).toISOString()).toBe('2031-03-31T16:00:00.000Z');
  });

  it('sums Tell us counts over inclusive London dates', () => {
    expect(sumDays({ '2031-03-01': 2, '2031-03-05': 1, '2031-04-01': 4 }, '2031-03-01', '2031-03-31')).toBe(3);
  });
});

describe('Tell us input', () => {
  const areas = [{ id: 'a1', name: 'Short breaks', ownerKey: '0b9a3f4e-1111-4222-8333-944455556666' }];
  it('needs a role, an area from the list and some words; text stays data', () => {
    expect(() => parseTellUs({ area: 'a1', text: 'x' }, areas)).toThrow(/Say who you are/);
    expect(() => parseTellUs({ role: 'staff', area: 'a9', text: 'x' }, areas)).toThrow(/Choose what it is about/);
    expect(() => parseTellUs({ role: 'staff', area: 'a1', text: '   ' }, areas)).toThrow(/what you want to tell us/);
    expect(parseTellUs({ role: 'parentCarer', area: 'a1', text: 'Hi ${title}' }, areas).text).toBe('Hi ${title}');
  });
  it('an area needs a name and a person (Entra object id), unique by name', () => {
    expect(() => parseArea({ areaName: 'Transport', ownerKey: 'bob' }, areas, 'a2')).toThrow(/Choose the person/);
    expect(() => parseArea({ areaName: 'short BREAKS', ownerKey: areas[0]!.ownerKey }, areas, 'a2')).toThrow(/already an area/);
    expect(parseArea({ areaName: ' Transport ', ownerKey: areas[0]!.ownerKey.toUpperCase() }, areas, 'a2')).toEqual({ id: 'a2', name: 'Transport', ownerKey: areas[0]!.ownerKey, ownerName: undefined });
  });
});

describe('young people\'s cards of the loop: easy read and valid', () => {
  const cards = {
    'We did card': weDidEasyCard(view([weDid(), weDid({ id: 'w2', status: 'notPossible', reason: 'There is no money.' })])),
    'We did card with a notice': weDidEasyCard(view([weDid()]), '👍 Thank you. You told us this is right.'),
    'follow-up': weDidFollowUpCard(view([weDid({ status: 'done' })]), weDid({ status: 'done' })),
    'made things better check': betterCheckCard(view([weDid({ status: 'done' })]), weDid({ status: 'done' })),
    'Tell us form': tellUsFormCard({ areas: [{ id: 'a1', name: 'Short breaks', ownerKey: 'k' }] }),
    'Tell us form with a problem': tellUsFormCard({ areas: [{ id: 'a1', name: 'Short breaks', ownerKey: 'k' }], notice: '❗ Choose what it is about from the list.' }),
    'Tell us sent': tellUsSentCard({ areaName: 'Short breaks', delivered: true }),
    'Tell us not sent': tellUsSentCard({ areaName: 'Short breaks', delivered: false }),
    'Tell us closed': tellUsClosedCard()
  };
  for (const [label, card] of Object.entries(cards)) {
    it(label, () => {
      expectValidCard(card, label);
      expect(checkEasyRead(card), label).toEqual([]);
    });
  }
  it('every "We did" has its own buttons, carrying the item; the comment box has a label', () => {
    const card = cards['We did card'];
    const json = JSON.stringify(card);
    expect(json).toContain('"itemId":"w1"');
    expect(json).toContain('"itemId":"w2"');
    expect(json).toContain('"id":"more_w2"');
  });
  it('staff cards are valid', () => {
    expectValidCard(tellUsAreasCard({ areas: [{ id: 'a1', name: 'Short breaks', ownerKey: 'k', ownerName: 'Owen' }] }), 'areas');
    expectValidCard(tellUsOwnerCard({ area: { id: 'a1', name: 'Short breaks', ownerKey: 'k' }, role: 'youngPerson', withheld: true }), 'withheld');
    const owner = tellUsOwnerCard({ area: { id: 'a1', name: 'Short breaks', ownerKey: 'k' }, role: 'staff', text: 'Hi', from: 'Sam', withheld: false });
    expectValidCard(owner, 'owner');
    expect(cardText(owner)).toContain('Sam (Staff)');
    expectValidCard(loopFiguresCard([]), 'figures');
  });
});

describe('easyread check', () => {
  it('returns the sentences that break the rules, with why', () => {
    const problems = checkStaffText(
      'The SENCO will review your EHCP. We met on Monday. ' +
        'Following extensive consultation with stakeholders across the partnership we have decided to reconfigure the short breaks offer for families.'
    );
    expect(problems.map((p) => p.sentence)).toEqual([
      'The SENCO will review your EHCP.',
      'Following extensive consultation with stakeholders across the partnership we have decided to reconfigure the short breaks offer for families.'
    ]);
    expect(problems[0]!.problems.join(' ')).toContain('"SENCO" is not easy read');
    expect(problems[1]!.problems.join(' ')).toMatch(/sentence of 19 words/);
    expect(problems[1]!.problems.join(' ')).toContain('"consultation"');
    expect(checkStaffText('We met on Monday. It was fun.')).toEqual([]);
  });
  it('suggests an easy-read card: plain words, short sentences, a symbol per line, passing the check', () => {
    const text = 'The SENCO will review your EHCP on Monday, and we will tell you what changes because of what you said at the meeting in school.';
    const lines = easyReadLines(text);
    for (const l of lines) expect(l).toMatch(/^\p{Extended_Pictographic}/u);
    expect(lines.join(' ')).not.toMatch(/SENCO|EHCP/);
    const card = suggestedEasyCard(text);
    expectValidCard(card, 'suggested');
    expect(checkEasyRead(card)).toEqual([]);
    expect(symbolFor('Call us on 0800')).toBe('📞');
  });
});

describe('printable page and its link', () => {
  it('escapes every piece of text (user text is data) and shows no numbers or names', () => {
    const v = view([weDid({ easyText: '<script>alert(1)</script> & "more"' })]);
    const html = printablePage({ ...v.findings, title: '<b>Club</b>', ownerName: 'Olly Owner' });
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;more&quot;');
    expect(html).toContain('&lt;b&gt;Club&lt;/b&gt;');
    expect(html).not.toContain('Olly');
  });
  it('a link is genuine only with its own signature, tenant, findings and before it expires', () => {
    const now = new Date('2031-03-03T16:00:00Z');
    const path = pagePath('s'.repeat(40), 'tenant-a', 'survey-1', new Date('2031-04-01T00:00:00Z'));
    const q = new URL(`https://x${path}`).searchParams;
    const ok = () => verifyPageLink('s'.repeat(40), 'tenant-a', 'survey-1', q.get('expires'), q.get('sig'), now);
    expect(ok).not.toThrow();
    expect(() => verifyPageLink('s'.repeat(40), 'tenant-b', 'survey-1', q.get('expires'), q.get('sig'), now)).toThrow(/expired or does not exist/);
    expect(() => verifyPageLink('s'.repeat(40), 'tenant-a', 'survey-2', q.get('expires'), q.get('sig'), now)).toThrow(/expired or does not exist/);
    expect(() => verifyPageLink('t'.repeat(40), 'tenant-a', 'survey-1', q.get('expires'), q.get('sig'), now)).toThrow(/expired or does not exist/);
    expect(() => verifyPageLink('s'.repeat(40), 'tenant-a', 'survey-1', String(Number(q.get('expires')) + 1), q.get('sig'), now)).toThrow(/expired or does not exist/);
    expect(() => verifyPageLink('s'.repeat(40), 'tenant-a', 'survey-1', q.get('expires'), q.get('sig'), new Date('2031-04-01T00:00:01Z'))).toThrow(/expired or does not exist/);
  });
});
