import { randomUUID } from 'node:crypto';
import type { VoiceLoop } from '../../src/voiceloop';
import type { Plan } from '../../src/domain/plans/plan';
import { londonDate } from '../../src/domain/plans/plan-service';
import type { Actor, StoredConversation } from '../../src/domain/shared/conversation';
import { BOT, type TestUser, user } from './activities';

/** A complete, valid plan form as the card sends it (dates in 2026, after the tests' virtual "now"). */
export function validPlanForm(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'What makes the short-breaks service work for you?',
    purpose: 'Hear young people on short breaks before the service is recommissioned in the autumn.',
    strategicOutcome: 'Young people on short breaks get breaks they choose, at times that suit their families.',
    level: 'meso',
    serviceArea: 'Short breaks',
    cohorts: 'youngPeople,parentCarers',
    startDate: '2026-03-02',
    endDate: '2026-03-20',
    ladder: 'coDesign',
    hartRung: '6',
    lundy_space: 'yes',
    lundy_space_note: '',
    lundy_voice: 'partly',
    lundy_voice_note: 'Symbol boards for those who use AAC; easy-read consent.',
    lundy_audience: 'yes',
    lundy_audience_note: 'The head of commissioning joins the last session.',
    lundy_influence: 'yes',
    lundy_influence_note: '',
    adjustments: 'symbols,easyRead,aac,virtual',
    adjustmentsNote: 'Sessions after school, 16:00–17:00.',
    decisionMaker: 'Head of Integrated Commissioning',
    feedbackBy: '2026-05-01',
    ...overrides
  };
}

/** The in-person risk assessment of a plan form (issue 14), to spread into {@link validPlanForm}. */
export const IN_PERSON_RISK = {
  inPerson: 'true',
  venue: 'Youth centre, Hill Street (step-free)',
  supervision: 'One member of staff to four young people; two staff always present.',
  consent: 'Parents sign the easy-read consent form; young people say yes on the day with a symbol card.',
  leadOnTheDay: 'Priya Shah, participation officer'
};

/**
 * An engagement plan the working group has approved, for end-to-end tests whose subject is not the
 * approval gate (docs/approvals.md). Made through the app's own services: a working group on a new team
 * with `member` on it, a plan its chair writes and approves (a one-decision rule), so `member` may attach
 * their surveys to it. The chair has no 1:1 chat, so the only messages are the channel's approval card.
 */
export async function approvedPlan(
  app: Pick<VoiceLoop, 'approvals' | 'plans'>,
  input: { tenantId: string; serviceUrl: string; member: TestUser; now: Date; groupName?: string; title?: string; values?: Record<string, unknown> }
): Promise<Plan> {
  const chair = user('Working group chair');
  const teamId = `19:wg-${randomUUID()}@thread.tacv2`;
  const actor = (who: TestUser): Actor => ({ tenantId: input.tenantId, userId: who.id, aadObjectId: who.aadObjectId, name: who.name });
  const channel: StoredConversation = {
    tenantId: input.tenantId,
    serviceUrl: input.serviceUrl,
    channelId: 'msteams',
    conversationId: `${teamId};messageid=1`,
    conversationType: 'channel',
    botId: BOT.id,
    teamId,
    updatedAt: input.now.toISOString()
  };
  const people = [chair, input.member];
  await app.approvals.setupGroup(
    actor(chair),
    channel,
    { name: input.groupName ?? 'the participation working group', memberSource: 'named', members: people.map((p) => p.aadObjectId).join(','), chair: chair.aadObjectId, rule: 'nOfM', n: '1' },
    people.map((p) => ({ userId: p.id, aadObjectId: p.aadObjectId, name: p.name }))
  );
  const day = (offset: number): string => londonDate(new Date(input.now.getTime() + offset * 86_400_000));
  const values = validPlanForm({ title: input.title ?? 'Short breaks: what works for you?', startDate: day(0), endDate: day(30), feedbackBy: day(60), ...input.values });
  const { round } = await app.plans.submit({ planId: randomUUID(), actor: actor(chair), values, teamId });
  await app.approvals.decide(input.tenantId, round.roundId, actor(chair), 'approve', '');
  return app.plans.get(input.tenantId, round.subjectId);
}
