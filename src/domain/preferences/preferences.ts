/** Communication preferences: how a person likes to take part (DOMAIN.md: ask before an activity). */
import { DomainError } from '../shared/errors';

export const COMMUNICATION_NEEDS = ['symbols', 'easyRead', 'readAloud', 'twoPoint', 'bsl', 'aac', 'extraTime'] as const;

export type CommunicationNeed = (typeof COMMUNICATION_NEEDS)[number];

export interface CommunicationPreferences {
  personKey: string;
  name?: string;
  needs: CommunicationNeed[];
  note?: string;
  updatedBy: string;
  updatedAt: Date;
}

/** Each need with a symbol and a word; `applied` says whether the bot can do it on a card. */
export const NEED_LABELS: Record<CommunicationNeed, { symbol: string; label: string; applied: boolean }> = {
  symbols: { symbol: '🖼️', label: 'Symbols and pictures', applied: true },
  easyRead: { symbol: '📖', label: 'Easy read', applied: true },
  readAloud: { symbol: '🔊', label: 'Read aloud to me', applied: true },
  twoPoint: { symbol: '✌️', label: 'Two choices, not three', applied: true },
  bsl: { symbol: '🤟', label: 'British Sign Language', applied: false },
  aac: { symbol: '💬', label: 'I use a talker or word board', applied: false },
  extraTime: { symbol: '⏳', label: 'Extra time', applied: false }
};

export function parseNeeds(raw: unknown): CommunicationNeed[] {
  if (raw === undefined || raw === null || raw === '') return [];
  if (typeof raw !== 'string') throw new DomainError('invalid_input', 'Please choose from the list.');
  const parts = raw.split(',').map((p) => p.trim()).filter((p) => p !== '');
  const unknown = parts.filter((p) => !(COMMUNICATION_NEEDS as readonly string[]).includes(p));
  if (unknown.length > 0) throw new DomainError('invalid_input', 'Please choose from the list.');
  return COMMUNICATION_NEEDS.filter((n) => parts.includes(n));
}

/** Easy read or symbols asked for: the cards are drawn easy read (as `SurveyService.styleFor` does). */
export const asksForEasyRead = (needs: readonly CommunicationNeed[]): boolean => needs.includes('easyRead') || needs.includes('symbols');

/** Which help card a person gets: the easy-read one (no commands, a symbol on every line) or the staff one. */
export type HelpStyle = 'easyRead' | 'staff';

/**
 * The card for "help" when the person did not name one ("help easy", "help staff" win): easy read for
 * anyone whose preferences ask for easy read or symbols, and for a young person taking part (not
 * facilitating) in a live session of a young people's or easy-read survey; else the staff card. Nobody
 * is recorded as a young person for this: the preferences and the session already say enough.
 */
export function helpStyleFor(input: { needs: readonly CommunicationNeed[]; inYoungPeopleSession: boolean }): HelpStyle {
  return asksForEasyRead(input.needs) || input.inYoungPeopleSession ? 'easyRead' : 'staff';
}
