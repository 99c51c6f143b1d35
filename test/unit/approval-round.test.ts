import { describe, expect, it } from 'vitest';
import { type ApprovalRound, applyDecision, changeRequests, outcomeOf, ruleMet, tallyOf } from '../../src/domain/approvals/approval-round';
import { DomainError } from '../../src/domain/shared/errors';
import { type ApprovalRule, describeRule } from '../../src/domain/approvals/working-group';

const AT = new Date('2026-01-06T10:00:00Z');

function round(memberCount: number, rule: ApprovalRule): ApprovalRound {
  const members = Array.from({ length: memberCount }, (_, i) => ({ key: `m${i}`, name: `Member ${i}`, userId: `29:m${i}` }));
  return {
    tenantId: 't1',
    roundId: 'plan-x-r1',
    subjectType: 'plan',
    subjectId: 'x',
    number: 1,
    teamId: 'team',
    members,
    chair: 'm0',
    rule,
    owner: 'owner',
    status: 'open',
    openedAt: AT,
    deadline: AT,
    decisions: {},
    channel: { tenantId: 't1', serviceUrl: 'https://x/', channelId: 'msteams', conversationId: 'c', conversationType: 'channel', botId: 'b', updatedAt: '' }
  };
}

/** Applies decisions in order; returns the final round. */
function run(r: ApprovalRound, decisions: [string, string, string?][]): ApprovalRound {
  let current = r;
  for (const [member, decision, comment] of decisions) current = applyDecision(current, member, decision, comment ?? (decision === 'requestChanges' ? 'please change' : ''), AT).round;
  return current;
}

describe('quorum rules (abstentions take a member out of the count)', () => {
  it('all: every member who does not abstain must approve', () => {
    const r = round(3, { kind: 'all' });
    expect(run(r, [['m0', 'approve'], ['m1', 'approve']]).status).toBe('open');
    expect(run(r, [['m0', 'approve'], ['m1', 'approve'], ['m2', 'approve']])).toMatchObject({ status: 'closed', outcome: 'approved' });
    expect(run(r, [['m0', 'approve'], ['m1', 'abstain'], ['m2', 'approve']])).toMatchObject({ status: 'closed', outcome: 'approved' });
  });

  it('all: one request for changes closes the round at once (the rule can no longer be met)', () => {
    expect(run(round(3, { kind: 'all' }), [['m0', 'requestChanges']])).toMatchObject({ status: 'closed', outcome: 'changesRequested' });
  });

  it('all: everyone abstaining is not an approval', () => {
    expect(run(round(2, { kind: 'all' }), [['m0', 'abstain'], ['m1', 'abstain']])).toMatchObject({ status: 'closed', outcome: 'changesRequested' });
  });

  it('majority: more than half of the members who do not abstain', () => {
    const r = round(4, { kind: 'majority' });
    expect(run(r, [['m0', 'approve'], ['m1', 'approve']]).status).toBe('open'); // 2 of 4 is not a majority
    expect(run(r, [['m0', 'approve'], ['m1', 'approve'], ['m2', 'approve']]).outcome).toBe('approved');
    expect(run(r, [['m3', 'abstain'], ['m0', 'approve'], ['m1', 'approve']]).outcome).toBe('approved'); // 2 of 3
  });

  it('majority: closes with changes requested once a majority is out of reach', () => {
    const r = round(4, { kind: 'majority' });
    expect(run(r, [['m0', 'requestChanges']]).status).toBe('open'); // 3 could still approve
    expect(run(r, [['m0', 'requestChanges'], ['m1', 'requestChanges']])).toMatchObject({ status: 'closed', outcome: 'changesRequested' });
  });

  it('N of M: at least N approvals, whatever the abstentions', () => {
    const r = round(4, { kind: 'nOfM', n: 2 });
    expect(run(r, [['m0', 'approve']]).status).toBe('open');
    expect(run(r, [['m0', 'approve'], ['m1', 'abstain'], ['m2', 'approve']]).outcome).toBe('approved');
    expect(run(r, [['m0', 'abstain'], ['m1', 'abstain'], ['m2', 'requestChanges']])).toMatchObject({ status: 'closed', outcome: 'changesRequested' });
    expect(run(r, [['m0', 'requestChanges'], ['m1', 'requestChanges']]).status).toBe('open'); // 2 left could approve
  });

  it('ruleMet and outcomeOf agree on the edges', () => {
    expect(ruleMet({ kind: 'majority' }, 1, 1)).toBe(true);
    expect(ruleMet({ kind: 'majority' }, 0, 0)).toBe(false);
    expect(ruleMet({ kind: 'nOfM', n: 3 }, 2, 5)).toBe(false);
    expect(outcomeOf({ kind: 'all' }, { approvals: 0, changes: 0, abstentions: 0, undecided: [] }, 0)).toBe('changesRequested');
  });
});

describe('deciding', () => {
  it('a member can change their decision until the round closes', () => {
    const r = round(3, { kind: 'majority' });
    const first = run(r, [['m0', 'requestChanges', 'Add easy-read consent']]);
    expect(first.status).toBe('open');
    const changed = run(first, [['m0', 'approve']]);
    expect(changed.decisions.m0?.decision).toBe('approve');
    expect(tallyOf(changed)).toMatchObject({ approvals: 1, changes: 0 });
  });

  it('repeating the same decision changes nothing', () => {
    const once = run(round(3, { kind: 'majority' }), [['m0', 'approve']]);
    expect(applyDecision(once, 'm0', 'approve', '', AT).changed).toBe(false);
  });

  it('refuses a non-member, a closed round, an unknown decision and request changes without a comment', () => {
    const r = round(2, { kind: 'all' });
    const code = (fn: () => unknown): string => {
      try {
        fn();
      } catch (error) {
        return (error as DomainError).code;
      }
      return 'none';
    };
    expect(code(() => applyDecision(r, 'stranger', 'approve', '', AT))).toBe('forbidden');
    expect(code(() => applyDecision(r, 'm0', 'maybe', '', AT))).toBe('invalid_input');
    expect(code(() => applyDecision(r, 'm0', 'requestChanges', '   ', AT))).toBe('invalid_input');
    const closed = run(r, [['m0', 'approve'], ['m1', 'approve']]);
    expect(code(() => applyDecision(closed, 'm0', 'abstain', '', AT))).toBe('closed');
  });

  it('collects the comments of members who asked for changes, cleaned', () => {
    const r = run(round(3, { kind: 'all' }), [['m1', 'requestChanges', 'See [this](https://evil.example) first']]);
    expect(changeRequests(r)).toEqual([{ name: 'Member 1', comment: 'See this first' }]);
  });
});

describe('the rule in words', () => {
  it('names the count, and a group of one plainly', () => {
    expect(describeRule({ kind: 'majority' }, 3)).toBe('a majority of the 3 members approve');
    expect(describeRule({ kind: 'all' }, 2)).toBe('all 2 members approve');
    for (const rule of [{ kind: 'majority' }, { kind: 'all' }] as ApprovalRule[]) expect(describeRule(rule, 1)).toBe('its one member approves');
  });
});
