/** Cards of virtual sessions (docs/surveys.md): welcome and consent, the end, and the facilitator's list of needs. */
import { NEED_LABELS } from '../../domain/preferences/preferences';
import type { Session } from '../../domain/sessions/ports';
import type { SessionNeeds } from '../../domain/sessions/session-service';
import type { Survey } from '../../domain/surveys/survey';
import { type InfoButton, easyInfoCard, execute, line } from '../shared/easy-info-card';
import { helpMoreButton } from '../groups/group-cards';
import type { AdaptiveCardJson } from '../shared/render';
import { VERBS } from '../shared/verbs';
import { safetyPromiseFor } from '../safeguarding/safety-promise';

/** The welcome and consent card of a session (everyone), with the facilitator's controls in their own view. */
export function sessionWelcomeCard(
  session: Session,
  survey: Survey,
  viewer: { isFacilitator: boolean; ready?: boolean } = { isFacilitator: false },
  refreshUserIds: string[] = []
): AdaptiveCardJson {
  const bigGroup = session.memberCount > 60;
  const lines = [
    line(`📋 Today we will ask you about: ${survey.title}`),
    line('✋ It is OK to stop at any time.'),
    line(survey.anonymity === 'named' ? '🙈 Other people will not see your name.' : '🙈 Your name will not be shown.'),
    line(safetyPromiseFor(survey.cohort)),
    line(`👂 Who will hear your views: ${survey.audience}`),
    line(`📅 What happens next: ${survey.nextSteps}`)
  ];
  if (viewer.ready) lines.push(line('✅ Thank you. The first question is coming soon.', 'Good'));
  if (viewer.isFacilitator) lines.push(line('🧑‍🏫 You are running this session. Type "next" or press Next to show the first question.'));
  const buttons: InfoButton[] = [];
  if (bigGroup) buttons.push(execute('▶️ Start', VERBS.sessionOpen, { sessionId: session.sessionId }, 'positive'));
  else if (!viewer.ready && !viewer.isFacilitator) buttons.push(execute("👍 I'm ready", VERBS.sessionReady, { sessionId: session.sessionId }, 'positive'));
  if (viewer.isFacilitator) {
    buttons.push(execute('➡️ Next question', VERBS.sessionNext, { sessionId: session.sessionId }, 'positive'));
    buttons.push(execute('🏁 End session', VERBS.sessionEnd, { sessionId: session.sessionId }));
  }
  return easyInfoCard({
    title: '👋 Welcome!',
    easyRead: true,
    lines,
    buttons,
    refresh: session.status === 'open' ? { verb: VERBS.sessionRefresh, data: { sessionId: session.sessionId }, userIds: refreshUserIds } : undefined
  });
}

export function sessionEndCard(survey: Survey): AdaptiveCardJson {
  return easyInfoCard({
    title: '🎉 Thank you for taking part!',
    easyRead: true,
    lines: [
      line('🏁 The session has ended.'),
      line(`👂 Who will hear your views: ${survey.audience}`),
      line(`📅 What happens next: ${survey.nextSteps}`),
      line('💛 Your views matter. Thank you for sharing them.')
    ],
    // Young people may join a group to help more (docs/groups.md); each person's press answers only them.
    buttons: survey.cohort === 'youngPeople' ? [helpMoreButton()] : []
  });
}

/** For the facilitator before a session: what people asked for that the cards cannot do. */
export function sessionNeedsCard(needs: SessionNeeds[]): AdaptiveCardJson {
  return easyInfoCard({
    title: 'Before you start',
    easyRead: false,
    lines: [
      line(
        needs.length === 0
          ? 'Nobody in this chat has recorded communication preferences. Cards use easy read and symbols anyway.'
          : 'People in this chat told us how they like to take part. Cards already use easy read, symbols and the two-point scale where asked; please plan for the rest.'
      )
    ],
    facts: needs.map((n) => ({
      title: n.name ?? 'Someone',
      value: [...n.needs.map((need) => `${NEED_LABELS[need].symbol} ${NEED_LABELS[need].label}${NEED_LABELS[need].applied ? '' : ' (needs you)'}`), ...(n.note ? [`Note: ${n.note}`] : [])].join(', ')
    })),
    buttons: []
  });
}
