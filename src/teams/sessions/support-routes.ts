/**
 * Supported and offline contributions in a session (docs/groups.md): `session support` gives the
 * facilitator a form to record one person's answers given with help or offline; Save stores them like any
 * answer, marked "given with support", and screens any words for safeguarding. `session others 4` records
 * how many were present without Teams: they hear back through the printable page (`findings print`).
 */
import { randomUUID } from 'node:crypto';
import { supportFormCard } from '../../cards/sessions/support-cards';
import { noticeCard } from '../../cards/shared/notice-card';
import { VERBS } from '../../cards/shared/verbs';
import type { SafeguardingService } from '../../domain/safeguarding/safeguarding-service';
import type { SupportedContributions } from '../../domain/sessions/supported';
import { isDomainError } from '../../domain/shared/errors';
import { actorOf, tenantOf } from '../shared/activity';
import { cardMessage } from '../shared/card-message';
import { sendCard } from '../shared/invoke';
import { type App, type TeamsDeps, invokeHandler } from '../shared/route-helpers';

export interface SupportRouteDeps {
  support: SupportedContributions;
  safeguarding?: SafeguardingService;
}

const SUPPORT = /^\s*session\s+support\s*$/i;
const OTHERS = /^\s*session\s+others\b\s*(.*)$/i;

export function registerSupportRoutes(app: App, deps: TeamsDeps & SupportRouteDeps): void {
  const refused = async (send: () => Promise<unknown>, error: unknown, what: string): Promise<void> => {
    if (!isDomainError(error)) throw error;
    deps.log.info({ code: error.code }, `${what} refused`);
    await send();
  };

  app.message(SUPPORT, async (context) => {
    try {
      const { session, survey } = await deps.support.formFor(tenantOf(context.activity), context.activity.conversation.id, actorOf(context.activity));
      await context.sendActivity(cardMessage(supportFormCard(survey, { sessionId: session.sessionId, entryId: randomUUID() })));
    } catch (error) {
      await refused(() => context.sendActivity(cardMessage(noticeCard('Not possible', isDomainError(error) ? error.message : '', 'attention'))), error, 'session support');
    }
  });

  app.adaptiveCards.actionExecute(
    VERBS.sessionSupportSave,
    invokeHandler(deps.log, async (context, data) => {
      const tenantId = tenantOf(context.activity);
      const actor = actorOf(context.activity);
      try {
        const { survey, respondentKey, answers, first } = await deps.support.record(tenantId, context.activity.conversation.id, actor, data);
        // Words given with support are screened like any answer. The person is with the facilitator, not
        // in Teams: the lead is told who recorded them (staff), and the facilitator is told to act now.
        let passed = false;
        for (const { question, answer } of answers) {
          if (answer.kind !== 'text' || !deps.safeguarding) continue;
          const result = await deps.safeguarding.screenAnswer({
            tenantId,
            subjectId: survey.surveyId,
            subjectTitle: survey.title,
            questionId: question.id,
            questionText: question.text,
            responseKey: respondentKey,
            text: answer.text,
            timeZone: survey.timeZone,
            anonymous: false,
            respondent: { name: `Given with support; recorded by ${actor.name ?? 'the facilitator'}`, userId: actor.userId }
          });
          passed ||= result.flagged;
        }
        const lines = [
          `${answers.length} ${answers.length === 1 ? 'answer' : 'answers'} saved for "${survey.title}", marked "given with support".`,
          first ? 'Results count them; nobody is named.' : 'This form was saved before: their answers were updated, not counted twice.',
          'Type "session support" to record the next person.'
        ];
        if (passed) lines.push('⚠️ Something they said was passed to the safeguarding lead. Follow your safeguarding procedure now: the person is with you.');
        await sendCard(context, noticeCard('🤝 Saved with support', lines.join(' '), passed ? 'attention' : 'good'));
      } catch (error) {
        if (!isDomainError(error) || error.code !== 'invalid_input') throw error;
        // The same form again with the reason; nothing was stored.
        const { session, survey } = await deps.support.formFor(tenantId, context.activity.conversation.id, actor);
        const entryId = typeof data.entryId === 'string' ? data.entryId : randomUUID();
        await sendCard(context, supportFormCard(survey, { sessionId: session.sessionId, entryId }, `Not saved: ${error.message}`));
      }
    })
  );

  app.message(OTHERS, async (context) => {
    const words = (OTHERS.exec(context.activity.text ?? '')?.[1] ?? '').trim();
    try {
      const count = /^\d{1,4}$/.test(words) ? Number(words) : Number.NaN;
      const { title, inTeams, others } = await deps.support.recordOthers(tenantOf(context.activity), context.activity.conversation.id, actorOf(context.activity), count);
      await context.sendActivity(
        cardMessage(
          noticeCard(
            'Recorded who was there without Teams',
            `${others} ${others === 1 ? 'person' : 'people'} took part in "${title}" without Teams (${inTeams} in Teams). ` +
              'Attendance and the participation audit count them. They cannot hear back in Teams: when your findings are published, ' +
              'type "findings print" for an easy-read page to print or send them.',
            'good'
          )
        )
      );
    } catch (error) {
      await refused(() => context.sendActivity(cardMessage(noticeCard('Not recorded', isDomainError(error) ? error.message : '', 'attention'))), error, 'session others');
    }
  });
}
