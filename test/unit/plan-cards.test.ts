import { describe, expect, it } from 'vitest';
import { planCard, planFormCard, planListCard } from '../../src/cards/plans/plan-cards';
import { CLOSED_ROUND_NOTICE, approvalCard, escalationCard, groupCard, groupFormCard, outcomeCard, reminderCard } from '../../src/cards/approvals/approval-cards';
import type { ApprovalRound } from '../../src/domain/approvals/approval-round';
import { type Plan, PLAN_STATES, parsePlanForm } from '../../src/domain/plans/plan';
import { summaryOf } from '../../src/domain/plans/plan-service';
import type { WorkingGroup } from '../../src/domain/approvals/working-group';
import { expectValidCard } from '../helpers/card-validator';
import { validPlanForm } from '../helpers/plan-fixtures';

type Node = Record<string, unknown>;
const nodes = (value: unknown, out: Node[] = []): Node[] => {
  if (Array.isArray(value)) value.forEach((v) => nodes(v, out));
  else if (value && typeof value === 'object') {
    out.push(value as Node);
    Object.values(value).forEach((v) => nodes(v, out));
  }
  return out;
};
/** Button titles (the card-level refresh action and the Refresh button left out). */
const titles = (card: object): string[] => nodes(card).filter((n) => n.type === 'Action.Execute' && n.title !== 'Refresh').map((n) => String(n.title));
const hasRefreshButton = (card: { body?: unknown }): boolean => nodes(card.body).some((n) => n.type === 'Action.Execute' && n.title === 'Refresh');

const AT = new Date('2026-01-05T10:00:00Z');
const channel = { tenantId: 't', serviceUrl: 'https://x/', channelId: 'msteams', conversationId: 'c', conversationType: 'channel' as const, botId: 'b', updatedAt: '' };
const plan: Plan = {
  ...parsePlanForm(validPlanForm({ title: 'Ask about ${secret} and <b>tags</b>' }), { complete: true, today: '2026-01-05' }),
  tenantId: 't',
  planId: '0b6f3c1e-1d2a-4c3b-9e8f-7a6b5c4d3e2f',
  state: 'draft',
  owner: 'o',
  ownerName: 'Olly',
  ownerUserId: '29:o',
  teamId: 'team',
  createdAt: AT,
  updatedAt: AT,
  roundCount: 0,
  findings: ''
};
const members = [
  { key: 'a', name: 'Ana', userId: '29:a' },
  { key: 'b', name: 'Ben', userId: '29:b' }
];
const round: ApprovalRound = {
  tenantId: 't',
  roundId: `plan-${plan.planId}-r1`,
  subjectType: 'plan',
  subjectId: plan.planId,
  number: 1,
  teamId: 'team',
  members,
  chair: 'a',
  rule: { kind: 'majority' },
  owner: 'o',
  ownerName: 'Olly',
  status: 'open',
  openedAt: AT,
  deadline: AT,
  decisions: { b: { decision: 'requestChanges', comment: 'More symbols', at: AT.toISOString() } },
  channel
};
const closed: ApprovalRound = { ...round, status: 'closed', outcome: 'changesRequested', closedAt: AT };
const group: WorkingGroup = { tenantId: 't', teamId: 'team', name: 'WG', channel, members, chair: 'a', rule: { kind: 'nOfM', n: 1 }, memberSource: 'named', updatedBy: 'a', updatedAt: AT };

describe('plan and approval cards', () => {
  it('the plan form is valid, empty and with every error shown', () => {
    const empty = planFormCard({ planId: plan.planId, groups: [{ teamId: 'team', label: 'WG' }] });
    expectValidCard(empty, 'plan form');
    expect(JSON.stringify(empty)).not.toContain('${'); // every binding resolved, none shown as text
    expect(JSON.stringify(groupFormCard({ formId: 'f', roster: [] }))).not.toContain('${');
    expect(nodes(groupFormCard({ formId: 'f', roster: [] })).find((n) => n.id === 'n')).not.toHaveProperty('value');
    const errors = Object.fromEntries(['title', 'purpose', 'lundy_space', 'lundy_voice_note', 'teamId', 'form'].map((f) => [f, `problem with ${f}`]));
    const card = planFormCard({ planId: plan.planId, groups: [], values: validPlanForm(), errors });
    expectValidCard(card, 'plan form with errors');
    const text = JSON.stringify(card);
    for (const f of Object.keys(errors)) expect(text).toContain(`problem with ${f}`);
  });

  it('the plan card is valid in every state, with only the buttons that state allows', () => {
    for (const state of PLAN_STATES) {
      const card = planCard({ ...plan, state }, { summary: summaryOf(plan), history: [], isOwner: true });
      expectValidCard(card, `plan card ${state}`);
      if (state === 'submitted') expect(titles(card)).toEqual(['Delete plan']);
      if (state === 'approved') expect(titles(card)).toEqual(['Mark as live']);
    }
    expect(titles(planCard({ ...plan, state: 'approved' }, { summary: summaryOf(plan), history: [], isOwner: false }))).toEqual([]);
  });

  it('user text stays data: template syntax shows verbatim', () => {
    const card = planCard(plan, { summary: summaryOf(plan), history: [], isOwner: true });
    expect(JSON.stringify(card)).toContain('Ask about ${secret} and <b>tags</b>');
  });

  it('approval cards: shared, member, non-member, closed, reminder, escalation, outcome', () => {
    const summary = summaryOf(plan);
    const shared = approvalCard(round, summary);
    expectValidCard(shared, 'shared approval card');
    expect(titles(shared)).toEqual(['Approve', 'Request changes', 'Abstain']);
    expect((shared.refresh as Node).userIds).toEqual(['29:a', '29:b']);
    expect(hasRefreshButton(shared)).toBe(true);
    const mine = approvalCard(round, summary, { viewer: { isMember: true, mine: round.decisions.b } });
    expect(JSON.stringify(mine)).toContain('You chose: Request changes');
    const outsider = approvalCard(round, summary, { viewer: { isMember: false } });
    expect(titles(outsider)).toEqual([]);
    const done = approvalCard(closed, summary);
    expectValidCard(done, 'closed approval card');
    expect(done.refresh).toBeUndefined();
    expect(hasRefreshButton(done)).toBe(false);
    expect(titles(done)).toEqual([]);
    for (const card of [mine, outsider, reminderCard(round, summary, 2, 3), escalationCard(round, summary, [members[0]!], true), outcomeCard(closed, summary)]) {
      expectValidCard(card, 'approval variant');
    }
    expect(JSON.stringify(reminderCard(round, summary, 2, 3))).toContain('Reminder 2 of 3');
    expect(JSON.stringify(outcomeCard(closed, summary))).toContain('More symbols');
    // The decision that closed the round is said in green; a refusal or the outsider's note in red.
    const colourOf = (card: object, text: string) => nodes(card).find((n) => n.type === 'TextBlock' && n.text === text)?.color;
    expect(colourOf(approvalCard(closed, summary, { viewer: { isMember: true }, notice: CLOSED_ROUND_NOTICE }), CLOSED_ROUND_NOTICE)).toBe('Good');
    expect(colourOf(outsider, 'Only members of the working group decide. You can follow the round here.')).toBe('Attention');
  });

  it('lists, working-group form and summary', () => {
    expectValidCard(planListCard({ mine: [plan], waiting: [{ round, plan }] }), 'plan list');
    expectValidCard(planListCard({ mine: [], waiting: [] }), 'empty plan list');
    const roster = members.map((m) => ({ userId: m.userId, aadObjectId: m.key, name: m.name }));
    expectValidCard(groupFormCard({ formId: 'f', roster }), 'group form');
    expectValidCard(groupFormCard({ formId: 'f', roster, existing: group, errors: { n: 'bad n', other: 'x' } }), 'group form with errors');
    expectValidCard(groupCard(group), 'group card');
    expectValidCard(groupFormCard({ formId: 'f', roster: [] }), 'group form without a roster');
  });
});
