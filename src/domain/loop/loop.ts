/**
 * The loop goes both ways (issue 15, docs/two-way-loop.md): what participants say back about a "We did"
 * ("That's right" / "Not what we said" / a comment), the easy-read "Has it made things better?" check a
 * set time after a "We did" is done, and "Tell us" (a view raised at any time, routed to the owner of a
 * service area). Pure: no SDK, no I/O.
 */
import { DomainError } from '../shared/errors';
import { type ShownCount, checkThreshold, suppressIndependent } from '../shared/suppression';
import { cleanText } from '../shared/text';

export const REACTIONS = ['right', 'notWhat'] as const;
export type Reaction = (typeof REACTIONS)[number];
export const BETTER_ANSWERS = ['yes', 'aBit', 'no'] as const;
export type BetterAnswer = (typeof BETTER_ANSWERS)[number];

export const REACTION_LABELS: Record<Reaction, string> = { right: "👍 That's right", notWhat: '👎 Not what we said' };
export const BETTER_LABELS: Record<BetterAnswer, string> = { yes: '😀 Yes', aBit: '🙂 A bit', no: '🙁 No' };

/** How long after a "We did" is marked done participants are asked "Has it made things better?" (default). */
export const DEFAULT_CHECK_AFTER_DAYS = 28;
export const LOOP_LIMITS = { comment: 500, tellUs: 1000, areaName: 60, areas: 20 } as const;

export function parseReaction(raw: unknown): Reaction {
  if (typeof raw === 'string' && (REACTIONS as readonly string[]).includes(raw)) return raw as Reaction;
  throw new DomainError('invalid_input', 'Choose "That\'s right" or "Not what we said".');
}

export function parseBetter(raw: unknown): BetterAnswer {
  if (typeof raw === 'string' && (BETTER_ANSWERS as readonly string[]).includes(raw)) return raw as BetterAnswer;
  throw new DomainError('invalid_input', 'Choose yes, a bit or no.');
}

export const parseComment = (raw: unknown): string =>
  cleanText(raw, { field: 'what you want to tell us', maxLength: LOOP_LIMITS.comment, required: true, multiline: true });

/** The raw counts of one "We did" (only ever shown through `shownTally`). */
export interface ItemTally {
  right: number;
  notWhat: number;
  comments: number;
  better: Record<BetterAnswer, number>;
}

export const emptyTally = (): ItemTally => ({ right: 0, notWhat: 0, comments: 0, better: { yes: 0, aBit: 0, no: 0 } });

/**
 * What the owner and the working group see. No total of reactions or answers is shown anywhere (not
 * everyone who took part reacts), so each count is suppressed on its own: 1 to threshold-1 shows as
 * "fewer than N", zeros stay (a zero is not a person).
 */
export interface ShownTally {
  right: ShownCount;
  notWhat: ShownCount;
  comments: ShownCount;
  better: Record<BetterAnswer, ShownCount>;
  /** True when any count is hidden. */
  suppressed: boolean;
}

export function shownTally(t: ItemTally, threshold: number): ShownTally {
  const th = checkThreshold(threshold);
  const reactions = suppressIndependent([t.right, t.notWhat], th);
  const comments = suppressIndependent([t.comments], th);
  const better = suppressIndependent([t.better.yes, t.better.aBit, t.better.no], th);
  return {
    right: reactions.cells[0]!,
    notWhat: reactions.cells[1]!,
    comments: comments.cells[0]!,
    better: { yes: better.cells[0]!, aBit: better.cells[1]!, no: better.cells[2]! },
    suppressed: !reactions.complete || !comments.complete || !better.complete
  };
}

/**
 * "Not what we said" is a majority of the reactions, and enough people reacted for that to be said
 * without pointing at anyone (at least the threshold): the item is flagged in the digest.
 */
export function notWhatMajority(t: ItemTally, threshold: number): boolean {
  const total = t.right + t.notWhat;
  return total >= checkThreshold(threshold) && t.notWhat * 2 > total;
}

/** When the "Has it made things better?" check goes: `days` after the item was marked done. */
export function checkDueAt(doneAt: Date, days: number): Date {
  return new Date(doneAt.getTime() + days * 86_400_000);
}

// ---- Tell us -----------------------------------------------------------------------------------

export const TELL_US_ROLES = ['youngPerson', 'parentCarer', 'staff'] as const;
export type TellUsRole = (typeof TELL_US_ROLES)[number];
export const ROLE_LABELS: Record<TellUsRole, string> = { youngPerson: '🧒 A young person', parentCarer: '👪 A parent or carer', staff: '🧑‍💼 Staff' };

/** A tenant's service areas, each with the person who hears "Tell us" views about it. */
export interface ServiceArea {
  id: string;
  name: string;
  ownerKey: string;
  ownerName?: string;
}

export interface LoopSettings {
  areas: ServiceArea[];
  /** Days after "done" that the "Has it made things better?" check goes. */
  checkAfterDays: number;
  etag?: string;
}

export const defaultLoopSettings = (): LoopSettings => ({ areas: [], checkAfterDays: DEFAULT_CHECK_AFTER_DAYS });

export interface TellUsInput {
  role: TellUsRole;
  area: ServiceArea;
  text: string;
}

export function parseTellUs(values: Record<string, unknown>, areas: ServiceArea[]): TellUsInput {
  const role = values.role;
  if (typeof role !== 'string' || !(TELL_US_ROLES as readonly string[]).includes(role)) {
    throw new DomainError('invalid_input', 'Say who you are: a young person, a parent or carer, or staff.', { role: 'Choose one.' });
  }
  const area = areas.find((a) => a.id === values.area);
  if (!area) throw new DomainError('invalid_input', 'Choose what it is about from the list.', { area: 'Choose one.' });
  const text = cleanText(values.text, { field: 'what you want to tell us', maxLength: LOOP_LIMITS.tellUs, required: true, multiline: true });
  return { role: role as TellUsRole, area, text };
}

/** An Entra object id (the Agents Playground's have a longer last group, so it is not pinned to 12). */
export const ENTRA_ID = /^[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4,13}){4}$/;

/** A new service area from the administrators' form; the name is unique (case-insensitive). */
export function parseArea(values: Record<string, unknown>, existing: ServiceArea[], id: string): ServiceArea {
  const name = cleanText(values.areaName, { field: 'service area name', maxLength: LOOP_LIMITS.areaName, required: true });
  const ownerKey = typeof values.ownerKey === 'string' ? values.ownerKey.trim() : '';
  if (!ENTRA_ID.test(ownerKey)) throw new DomainError('invalid_input', 'Choose the person who should hear views about this area.', { ownerKey: 'Choose a person.' });
  if (existing.some((a) => a.name.toLowerCase() === name.toLowerCase())) throw new DomainError('conflict', `There is already an area called "${name}".`);
  if (existing.length >= LOOP_LIMITS.areas) throw new DomainError('invalid_input', `At most ${LOOP_LIMITS.areas} service areas. Remove one first.`);
  const ownerName = cleanText(values.ownerName, { field: 'owner name', maxLength: 120 }) || undefined;
  return { id, name, ownerKey: ownerKey.toLowerCase(), ownerName };
}

/** Counters kept per tenant for the digest and the audit: numbers only, and which items are flagged. */
export interface LoopCounters {
  /** "Tell us" views raised, by London date. */
  tellUsByDay: Record<string, number>;
  /** "We did" items where "Not what we said" is the majority: `surveyId|itemId` → findings title. */
  notWhatFlags: Record<string, string>;
}

export const emptyCounters = (): LoopCounters => ({ tellUsByDay: {}, notWhatFlags: {} });

/** Sums the days from `from` to `to` (YYYY-MM-DD, inclusive). */
export function sumDays(byDay: Record<string, number>, from: string, to: string): number {
  return Object.entries(byDay)
    .filter(([day]) => day >= from && day <= to)
    .reduce((sum, [, n]) => sum + n, 0);
}
