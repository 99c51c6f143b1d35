/**
 * The facilitator's "record for" form (docs/groups.md, "Supported and offline contributions"): every
 * question of the session's survey, how the answers were given, and one Save. Staff card: not easy read.
 */
import supportTemplate from './support-form.json';
import { SUPPORT_HOWS } from '../../domain/sessions/ports';
import { SUPPORT_LABELS, supportInputId } from '../../domain/sessions/supported';
import { SURVEY_LIMITS, type Survey, choicesOf } from '../../domain/surveys/survey';
import { line } from '../shared/easy-info-card';
import { type AdaptiveCardJson, renderCard } from '../shared/render';
import { sentence, stripSymbol } from '../shared/text';

export function supportFormCard(survey: Survey, ids: { sessionId: string; entryId: string }, notice = ''): AdaptiveCardJson {
  const lines = [
    line(`🤝 Record the answers of one person who gave them with help or offline, for "${survey.title}".`),
    line('They are counted like any other answer and marked "given with support". Nobody is named: results show only how many.'),
    line('Leave a question empty if they did not answer it. Words are checked for safeguarding, like every answer.')
  ];
  const title = '🤝 Record answers for someone';
  return renderCard(supportTemplate, {
    title,
    notice,
    lines,
    hows: SUPPORT_HOWS.map((h) => ({ title: SUPPORT_LABELS[h], value: h })),
    questions: survey.questions.map((q, i) => ({
      kind: q.type === 'text' ? 'text' : 'choice',
      inputId: supportInputId(q.id),
      label: `${i + 1}. ${q.text}`,
      multi: q.type === 'multiple',
      maxLength: SURVEY_LIMITS.freeTextMaxLength,
      choices: q.type === 'text' ? [] : choicesOf(q).map((c) => ({ title: `${c.symbol} ${c.label}`.trim(), value: String(c.value) }))
    })),
    data: { sessionId: ids.sessionId, entryId: ids.entryId },
    speak: [title, ...lines.map((l) => l.text)].map((t) => sentence(stripSymbol(t))).join(' ')
  });
}
