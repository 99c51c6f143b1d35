import { randomUUID } from 'node:crypto';
import { type TurnContext, TeamsInfo } from 'botbuilder';
import { planCard, planEditCard, planFormCard, planListCard } from '../../cards/plans/plan-cards';
import { CLOSED_ROUND_NOTICE, approvalCard, groupCard, groupFormCard } from '../../cards/approvals/approval-cards';
import { infoCard } from '../../cards/shared/info-card';
import { noticeCard } from '../../cards/shared/notice-card';
import { VERBS } from '../../cards/shared/verbs';
import type { ApprovalService, RoundView } from '../../domain/approvals/approval-service';
import { type Actor, personKey } from '../../domain/shared/conversation';
import { DomainError, isDomainError } from '../../domain/shared/errors';
import type { Plan } from '../../domain/plans/plan';
import { type PlanService, summaryOf } from '../../domain/plans/plan-service';
import type { ProactiveSender } from '../../domain/shared/ports';
import type { RosterEntry } from '../../domain/approvals/working-group';
import { actorOf, conversationTypeOf, storedConversationOf, teamIdOf, tenantOf } from '../shared/activity';
import { cardMessage } from '../shared/card-message';
import { sendCard, sendCardOrRefusal, sendCardToAll } from '../shared/invoke';
import { type App, type InvokeData, type TeamsDeps, formErrorsOf, invokeHandler, requireString } from '../shared/route-helpers';

/** What the plan and approval routes need besides the common deps. */
export interface PlanRouteDeps {
  plans: PlanService;
  approvals: ApprovalService;
  proactive: ProactiveSender;
}

const MAX_ROSTER = 2000;

/** The team's roster through the connector's paged members endpoint. */
async function rosterOf(context: TurnContext): Promise<RosterEntry[]> {
  const out: RosterEntry[] = [];
  let token: string | undefined;
  do {
    const page = await TeamsInfo.getPagedMembers(context, 500, token);
    for (const m of page.members ?? []) {
      // Teams marks guests of the tenant (guest access): they can be working-group members (docs/approvals.md, "Guests").
      if (m.id) out.push({ userId: m.id, aadObjectId: m.aadObjectId || undefined, name: m.name || undefined, ...(m.userRole === 'guest' ? { guest: true } : {}) });
    }
    token = page.continuationToken || undefined;
  } while (token && out.length < MAX_ROSTER);
  return out;
}

/** The team whose channel this is; undefined outside a team channel. */
const teamChannelOf = (context: TurnContext): string | undefined =>
  conversationTypeOf(context.activity) === 'channel' ? teamIdOf(context.activity) || undefined : undefined;

/** Engagement plans, working groups and approval rounds (the audit export: teams/reports). */
export function registerPlanRoutes(app: App, deps: TeamsDeps & PlanRouteDeps): void {
  const { plans, approvals, clock, log } = deps;

  const groupChoices = async (tenantId: string): Promise<{ teamId: string; label: string }[]> => {
    const groups = await approvals.groups(tenantId);
    return groups.map((g) => {
      const chair = g.members.find((m) => m.key === g.chair)?.name;
      return { teamId: g.teamId, label: `${g.name}${chair ? ` (chair: ${chair})` : ''}` };
    });
  };

  const showPlan = async (plan: Plan, actor: Actor, notice?: string, impact?: { values: InvokeData; errors: Record<string, string> }) => {
    const isOwner = plan.owner === personKey(actor);
    const [history, rounds, mayReviewImpact] = await Promise.all([
      plans.history(plan.tenantId, plan.planId),
      approvals.roundsOf(plan.tenantId, plan.planId),
      isOwner ? plans.mayReviewImpact(plan) : false
    ]);
    return planCard(plan, {
      summary: summaryOf(plan),
      history,
      lastRound: rounds.at(-1),
      isOwner,
      notice,
      mayReviewImpact,
      impactValues: impact?.values,
      impactErrors: impact?.errors
    });
  };
  const ladderOf = (context: TurnContext) => plans.councilLadder(tenantOf(context.activity));

  const roundCard = (view: RoundView, notice?: string, commentError?: string, comment?: string) =>
    approvalCard(view.round, view.summary, { viewer: { isMember: view.isMember, mine: view.mine }, notice, commentError, comment });

  // ---- commands ---------------------------------------------------------------------------------

  const sendPlanForm = async (context: TurnContext): Promise<void> => {
    const groups = await groupChoices(tenantOf(context.activity));
    if (groups.length === 0) {
      await context.sendActivity(
        cardMessage(noticeCard('No working group yet', 'A plan needs a working group to approve it. In the working group\'s team channel, type "workinggroup setup" first.', 'attention'))
      );
      return;
    }
    await context.sendActivity(cardMessage(planFormCard({ planId: randomUUID(), groups, ladder: await ladderOf(context) })));
  };
  app.message(/^\s*plan\s+new\s*$/i, sendPlanForm);

  app.message(/^\s*plans\s*$/i, async (context) => {
    await context.sendActivity(cardMessage(planListCard(await plans.list(actorOf(context.activity)))));
  });

  app.message(/^\s*working\s*group\s+setup\s*$/i, async (context) => {
    const teamId = teamChannelOf(context);
    if (!teamId) {
      await context.sendActivity(cardMessage(noticeCard('Set up in the team channel', 'Type "workinggroup setup" in the channel where the working group meets.', 'attention')));
      return;
    }
    const existing = await approvals.group(tenantOf(context.activity), teamId);
    const actor = actorOf(context.activity);
    if (existing && existing.chair !== personKey(actor)) {
      await context.sendActivity(cardMessage(noticeCard('Working group already set up', 'Only the chair can change the working group.', 'attention')));
      return;
    }
    await context.sendActivity(cardMessage(groupFormCard({ formId: randomUUID(), roster: await rosterOf(context), existing })));
  });

  // ---- plan actions -----------------------------------------------------------------------------

  app.adaptiveCards.actionExecute(
    VERBS.planForm,
    invokeHandler(log, async (context) => {
      const groups = await groupChoices(tenantOf(context.activity));
      if (groups.length === 0) {
        await sendCard(context, noticeCard('No working group yet', 'In the working group\'s team channel, type "workinggroup setup" first.', 'attention'));
        return;
      }
      await sendCard(context, planFormCard({ planId: randomUUID(), groups, ladder: await ladderOf(context) }));
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.planList,
    invokeHandler(log, async (context) => {
      await sendCard(context, planListCard(await plans.list(actorOf(context.activity))));
    })
  );

  /** Re-shows the form with the person's values and the problems beside the fields. */
  const formWithErrors = async (context: TurnContext, planId: string, data: InvokeData, errors: Record<string, string>): Promise<void> => {
    await sendCard(context, planFormCard({ planId, groups: await groupChoices(tenantOf(context.activity)), values: data, errors, ladder: await ladderOf(context) }));
  };

  app.adaptiveCards.actionExecute(
    VERBS.planSave,
    invokeHandler(log, async (context, data) => {
      const actor = actorOf(context.activity);
      const planId = requireString(data, 'planId');
      try {
        const plan = await plans.saveDraft({ planId, actor, values: data, teamId: data.teamId });
        await sendCard(context, await showPlan(plan, actor, 'Draft saved. Submit it to the working group when it is ready.'));
      } catch (error) {
        return formWithErrors(context, planId, data, formErrorsOf(error));
      }
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.planSubmit,
    invokeHandler(log, async (context, data) => {
      const actor = actorOf(context.activity);
      const planId = requireString(data, 'planId');
      const fromForm = 'title' in data;
      try {
        const { plan } = await plans.submit({ planId, actor, values: fromForm ? data : undefined, teamId: data.teamId });
        await sendCard(context, await showPlan(plan, actor, 'Sent to the working group. You will be told here when it decides.'));
      } catch (error) {
        if (!isDomainError(error)) throw error;
        if (error.code === 'invalid_input' && fromForm) return formWithErrors(context, planId, data, formErrorsOf(error));
        if (error.code === 'invalid_input' || error.code === 'conflict') {
          const plan = await plans.get(actor.tenantId, planId);
          await sendCard(context, await showPlan(plan, actor, error.message));
          return;
        }
        throw error;
      }
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.planShow,
    invokeHandler(log, async (context, data) => {
      const actor = actorOf(context.activity);
      await sendCard(context, await showPlan(await plans.getVisible(actor, requireString(data, 'planId')), actor));
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.planEdit,
    invokeHandler(log, async (context, data) => {
      const actor = actorOf(context.activity);
      const plan = await plans.get(actor.tenantId, requireString(data, 'planId'));
      if (plan.owner !== personKey(actor)) throw new DomainError('forbidden', 'Only the person who wrote this plan can change it.');
      await sendCard(context, planEditCard(plan, await groupChoices(actor.tenantId), await ladderOf(context)));
    })
  );

  /** A plan action whose refusal (wrong state, a race) shows the plan card with the reason. */
  const planAction = (verb: string, act: (actor: Actor, planId: string, data: InvokeData) => Promise<{ plan: Plan; notice?: string }>) =>
    app.adaptiveCards.actionExecute(
      verb,
      invokeHandler(log, async (context, data) => {
        const actor = actorOf(context.activity);
        const planId = requireString(data, 'planId');
        await sendCardOrRefusal(
          context,
          ['invalid_input', 'conflict'],
          async () => {
            const { plan, notice } = await act(actor, planId, data);
            return showPlan(plan, actor, notice);
          },
          async (error) => showPlan(await plans.get(actor.tenantId, planId), actor, error.message)
        );
      })
    );

  planAction(VERBS.planAct, async (actor, planId, data) => ({ plan: await plans.act(actor.tenantId, planId, actor, data.event) }));
  planAction(VERBS.planFindings, async (actor, planId, data) => ({
    plan: (await plans.submitFindings(actor.tenantId, planId, actor, data.findings)).plan,
    notice: 'The findings are with the working group.'
  }));

  // "Is anyone better off?": the owner's impact review once the loop is closed; problems come back beside the fields.
  app.adaptiveCards.actionExecute(
    VERBS.planImpact,
    invokeHandler(log, async (context, data) => {
      const actor = actorOf(context.activity);
      const planId = requireString(data, 'planId');
      try {
        const plan = await plans.reviewImpact(actor.tenantId, planId, actor, data);
        await sendCard(context, await showPlan(plan, actor, 'Impact review saved. It counts as an outcome reviewed in the participation audit.'));
      } catch (error) {
        // Not the owner (or not found): an invoke error, never the plan card of someone else's plan.
        if (!isDomainError(error) || !['invalid_input', 'conflict'].includes(error.code)) throw error;
        const plan = await plans.get(actor.tenantId, planId);
        if (error.code === 'invalid_input') await sendCard(context, await showPlan(plan, actor, 'Please check the impact review.', { values: data, errors: error.fields }));
        else await sendCard(context, await showPlan(plan, actor, error.message));
      }
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.planDelete,
    invokeHandler(log, async (context, data) => {
      const actor = actorOf(context.activity);
      await plans.remove(actor.tenantId, requireString(data, 'planId'), actor);
      await sendCard(context, infoCard({ title: 'Plan deleted', text: 'The plan is deleted. Its audit trail is kept.' }));
    })
  );

  // ---- working group ----------------------------------------------------------------------------

  app.adaptiveCards.actionExecute(
    VERBS.groupSave,
    invokeHandler(log, async (context, data) => {
      const activity = context.activity;
      const formId = requireString(data, 'formId');
      const teamId = teamChannelOf(context);
      if (!teamId) throw new DomainError('unsupported', 'Set up the working group in its team channel.');
      const roster = await rosterOf(context);
      let group;
      try {
        group = await approvals.setupGroup(actorOf(activity), storedConversationOf(activity, clock.now()), data, roster);
      } catch (error) {
        const errors = formErrorsOf(error);
        const existing = await approvals.group(tenantOf(activity), teamId);
        await sendCard(context, groupFormCard({ formId, roster, existing, values: data, errors }));
        return;
      }
      await sendCardToAll(context, groupCard(group), log, 'could not replace the working-group form message');
    })
  );

  // ---- approval rounds --------------------------------------------------------------------------

  app.adaptiveCards.actionExecute(
    VERBS.approvalDecide,
    invokeHandler(log, async (context, data) => {
      const activity = context.activity;
      const roundId = requireString(data, 'roundId');
      const actor = actorOf(activity);
      // Closed round, non-member, missing comment: the person sees the card with the reason.
      await sendCardOrRefusal(
        context,
        ['closed', 'invalid_input', 'forbidden'],
        async () => {
          const view = await approvals.decide(tenantOf(activity), roundId, actor, data.decision, data.comment);
          return roundCard(view, view.closedNow ? CLOSED_ROUND_NOTICE : undefined);
        },
        async (error) => {
          const view = await approvals.view(tenantOf(activity), roundId, actor);
          const commentError = error.fields.comment;
          return roundCard(view, commentError ? undefined : error.message, commentError, typeof data.comment === 'string' ? data.comment : undefined);
        }
      );
    })
  );

  app.adaptiveCards.actionExecute(
    VERBS.approvalRefresh,
    invokeHandler(log, async (context, data) => {
      const view = await approvals.view(tenantOf(context.activity), requireString(data, 'roundId'), actorOf(context.activity));
      await sendCard(context, roundCard(view));
    })
  );
}
