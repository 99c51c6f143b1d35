/**
 * Every input on every card has a label, for screen readers (issue 12). The raw templates are walked
 * (a literal label is checked there), and every template whose label is bound to the view model is
 * rendered by its builder, so a label that expands to nothing is caught too.
 */
import { scheduledSendCard } from '../../src/cards/recurrence/scheduled-cards';
import { supportFormCard } from '../../src/cards/sessions/support-cards';
import { scheduledPollCard } from '../../src/cards/polls/scheduled-poll-cards';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inputsWithoutLabel } from '../../src/cards/shared/easy-read';
import { deliverySettingsCard } from '../../src/cards/delivery/delivery-settings-cards';
import { findingsDialogCard, surveyTemplateDialog } from '../../src/cards/message-extension/message-extension-cards';
import { planFormCard } from '../../src/cards/plans/plan-cards';
import { groupFormCard } from '../../src/cards/approvals/approval-cards';
import { pollCard, pollFormCard } from '../../src/cards/polls/poll-cards';
import type { AdaptiveCardJson } from '../../src/cards/shared/render';
import { chooseSurveyCard, questionCard, surveyEditorCard, surveyNewCard } from '../../src/cards/surveys/survey-cards';
import { preferencesCard } from '../../src/cards/preferences/preferences-cards';
import { DEFAULT_DELIVERY_SETTINGS } from '../../src/domain/delivery/delivery-settings';
import { expectValidCard } from '../helpers/card-validator';
import { makePoll, makeSurvey } from '../helpers/fixtures';

// Each card's template sits beside its builder, in src/cards/<feature>/.
const CARDS_DIR = join(__dirname, '../../src/cards');
const templates = readdirSync(CARDS_DIR, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.json'))
  .map((path) => [basename(path), path] as const)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([file, path]) => [file, JSON.parse(readFileSync(join(CARDS_DIR, path), 'utf8')) as unknown] as const);

type Node = Record<string, unknown>;
function inputsOf(value: unknown, out: Node[] = []): Node[] {
  if (Array.isArray(value)) value.forEach((v) => inputsOf(v, out));
  else if (value && typeof value === 'object') {
    const node = value as Node;
    if (typeof node.type === 'string' && node.type.startsWith('Input.')) out.push(node);
    Object.values(node).forEach((v) => inputsOf(v, out));
  }
  return out;
}

const survey = makeSurvey([
  { type: 'scale', scale: 'like', text: 'Did you like it?' },
  { type: 'multiple', text: 'What did you do?', options: ['Art', 'Sport'] },
  { type: 'text', text: 'Tell us more' }
]);
const view = (index: number) => ({ survey, question: survey.questions[index]!, index, style: { easyRead: true, twoPoint: false, extraTime: false }, isOwner: false });

const scheduledPreview = {
  send: {
    tenantId: 't', sendId: 's1', surveyId: survey.surveyId, title: 'Club night', cohort: 'staff' as const, createdBy: 'owner', at: new Date('2026-03-10T16:00:00Z'),
    timeZone: 'Europe/London', status: 'scheduled' as const, target: { kind: 'group' as const, groupId: 'team' }, createdAt: new Date('2026-03-01T10:00:00Z')
  },
  when: 'Tue 10 Mar, 16:00 (Europe/London)',
  allowedHours: 'every day 09:00–17:00'
};

/** Each card builder whose template has inputs, rendered with fixture data, named by its template. */
const RENDERED: [template: string, label: string, build: () => AdaptiveCardJson][] = [
  ['delivery-settings.json', 'delivery settings (admin)', () => deliverySettingsCard(DEFAULT_DELIVERY_SETTINGS, { isAdmin: true })],
  ['group-form.json', 'working group form', () => groupFormCard({ formId: 'f', roster: [] })],
  ['me-findings-dialog.json', 'add to findings dialog', () => findingsDialogCard({ quote: 'We want Fridays', plans: [{ id: 'p', title: 'Youth club' }] })],
  ['me-survey-dialog.json', 'survey template dialog', () => surveyTemplateDialog({ formId: 'f', templates: [{ id: 'session-feedback', title: 'Session feedback' }] })],
  ['plan-form.json', 'plan form', () => planFormCard({ planId: '0b6f3c1e-1d2a-4c3b-9e8f-7a6b5c4d3e2f', groups: [{ teamId: 'team', label: 'WG' }] })],
  ['poll-form.json', 'poll form', () => pollFormCard({ formId: 'f', timeZone: 'Europe/London' })],
  ['poll.json', 'poll', () => pollCard(makePoll(), { counts: [1, 0, 0], voters: 1 }, { isCreator: false })],
  ['preferences.json', 'preferences', () => preferencesCard({ personKey: 'p' })],
  ['survey-choose.json', 'choose a survey', () => chooseSurveyCard({ title: 'Start a session', intro: 'Choose', button: 'Start', verb: 'v', formId: 'f', surveys: [survey] })],
  ['survey-editor.json', 'survey editor (a question being changed)', () => surveyEditorCard({ ...survey, status: 'draft' }, { editingId: 'q1' })],
  ['survey-new.json', 'new survey form', () => surveyNewCard({ formId: 'f', timeZone: 'Europe/London' })],
  ['survey-question.json', 'several choices', () => questionCard(view(1), { mode: 'answer' })],
  ['survey-question.json', 'written answer', () => questionCard(view(2), { mode: 'answer' })],
  ['scheduled-send.json', 'scheduled send (to change)', () => scheduledSendCard(scheduledPreview)],
  ['scheduled-poll.json', 'poll posted later (to change)', () =>
    scheduledPollCard({
      item: {
        tenantId: 't', pollId: 'p1', draft: { question: 'Pizza?', options: ['Yes', 'No'], anonymous: false, resultsVisibility: 'live', chart: 'bar' },
        actor: { tenantId: 't', userId: 'u' }, conversation: { tenantId: 't', serviceUrl: 'https://x', channelId: 'msteams', conversationId: 'c', conversationType: 'groupChat', botId: 'b', updatedAt: '' },
        at: new Date('2026-03-10T16:00:00Z'), timeZone: 'Europe/London', status: 'scheduled', createdBy: 'owner', createdAt: new Date('2026-03-01T10:00:00Z')
      },
      when: 'Tue 10 Mar, 16:00 (Europe/London)'
    })],
  ['support-form.json', 'answers given with support', () => supportFormCard(survey, { sessionId: 's', entryId: 'e' })]
];

describe('inputsWithoutLabel', () => {
  it('names every input with no label or an empty one, wherever it is, and passes labelled ones', () => {
    const card = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'Input.Toggle', id: 'twoPoint', title: 'Two-point scale' },
        { type: 'Input.Text', id: 'name', label: 'Your name' },
        { type: 'Container', items: [{ type: 'Input.Date', id: 'when', label: '  ' }] }
      ],
      actions: [{ type: 'Action.ShowCard', title: 'More', card: { type: 'AdaptiveCard', body: [{ type: 'Input.Number', id: 'n', placeholder: 'How many?' }] } }]
    };
    expect(inputsWithoutLabel(card)).toEqual([
      'body[0] Input.Toggle "twoPoint"',
      'body[2].items[0] Input.Date "when"',
      'actions[0].card.body[0] Input.Number "n"'
    ]);
    expect(inputsWithoutLabel({ type: 'AdaptiveCard', body: [{ type: 'Input.Text', id: 'x', label: 'X' }] })).toEqual([]);
  });
});

describe('every input on every card has a label', () => {
  it('finds the templates (a walk over none would prove nothing)', () => {
    expect(templates.length).toBeGreaterThan(20);
    expect(templates.filter(([, t]) => inputsOf(t).length > 0).length).toBeGreaterThan(10);
  });

  it.each(templates)('template %s', (_file, template) => {
    expect(inputsWithoutLabel(template)).toEqual([]);
  });

  it.each(RENDERED)('%s rendered (%s)', (_template, label, build) => {
    const card = build();
    expectValidCard(card, label);
    expect(inputsOf(card).length, `${label}: has inputs`).toBeGreaterThan(0);
    expect(inputsWithoutLabel(card), label).toEqual([]);
  });

  it('every template whose label is bound to the view model is rendered above', () => {
    const bound = templates.filter(([, t]) => inputsOf(t).some((i) => typeof i.label === 'string' && i.label.includes('${'))).map(([file]) => file);
    expect(bound.length).toBeGreaterThan(0);
    const rendered = new Set(RENDERED.map(([file]) => file));
    expect(bound.filter((file) => !rendered.has(file))).toEqual([]);
  });
});
