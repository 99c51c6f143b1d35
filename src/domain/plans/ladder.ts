/**
 * The council's own ladder of co-production (issue 14; docs/approvals.md, "The council's ladder"): each
 * council names the steps towards co-production in its own words, and its plans, approval cards, digests
 * and audit use them. Three ladders, in the words of the councils' own strategies (../shared/seeds/):
 * - `tlap`: Think Local Act Personal's seven steps (the default, and the only ladder before issue 14);
 * - `westSussex`: West Sussex's five steps (the Framework for Co-Production in SEND, after Britton,
 *   Thomas & North, "Markers of good practice in building Parent Carer Participation", 2012);
 * - `bury`: Bury's four co-production descriptors (the Bury Co-Production Strategy, adapted from TLAP/NCAG).
 * A plan keeps the ladder it was made with (`Plan.ladderId`; plans made before issue 14 are TLAP).
 * Pure: no I/O.
 */
import { DomainError } from '../shared/errors';

export const LADDER_IDS = ['tlap', 'westSussex', 'bury'] as const;
export type LadderId = (typeof LADDER_IDS)[number];
export const DEFAULT_LADDER: LadderId = 'tlap';

export interface LadderStep {
  /** What is stored on the plan (unique within its ladder). */
  value: string;
  /** The step's name, in the council's words. */
  words: string;
  /** What the step means, in the council's words ('' where the council's strategy gives none). */
  meaning: string;
}

export interface Ladder {
  id: LadderId;
  /** Whose ladder, as a person would say it: "West Sussex's five steps". */
  name: string;
  /** What the ladder is called on a form or card: "West Sussex ladder of participation". */
  label: string;
  /** Bottom to top. */
  steps: readonly LadderStep[];
}

const step = (value: string, words: string, meaning = ''): LadderStep => ({ value, words, meaning });

export const LADDERS: Record<LadderId, Ladder> = {
  tlap: {
    id: 'tlap',
    name: 'the TLAP seven steps',
    label: 'TLAP ladder of co-production',
    steps: [
      step('coercion', 'Coercion'),
      step('educating', 'Educating'),
      step('informing', 'Informing'),
      step('consultation', 'Consultation'),
      step('engagement', 'Engagement'),
      step('coDesign', 'Co-design'),
      step('coProduction', 'Co-production')
    ]
  },
  westSussex: {
    id: 'westSussex',
    name: 'West Sussex’s five steps',
    label: 'West Sussex ladder of participation',
    steps: [
      step('noEngagement', 'No engagement', 'The forum do not know who to contact and have no working relationship with the department / provider'),
      step('information', 'Information', 'The forum is provided with information from the department / provider about what is happening'),
      step('consultation', 'Consultation', 'The forum is asked what they think about particular developments or issues'),
      step('participation', 'Participation', 'The forum works with strategic groups and decision making groups to decide what should happen and shape services'),
      step(
        'coProduction',
        'Co-production',
        'A partnership process where parent carers are valued members of a team shaping services for families of children and young people with special educational needs and/or disabilities'
      )
    ]
  },
  bury: {
    id: 'bury',
    name: 'Bury’s four descriptors',
    label: 'Bury co-production descriptors',
    steps: [
      step(
        'consultation',
        'Consultation',
        'People who use services may be asked to fill in surveys, attend meetings or events. The results of the consultation will be shared along with information on how it will be used to influence decision making and service development.'
      ),
      step(
        'engagement',
        'Engagement',
        'Compared to the consultation step below, people who use services are given more opportunities to express their views and may be able to influence some decisions, but this depends on what the people responsible for services will allow.'
      ),
      step(
        'participation',
        'Participation',
        'People who use services will be actively involved and work together with strategic and operational groups to have a direct influence in decision making and shaping services.'
      ),
      step(
        'coProduction',
        'Co-production',
        'Co-production is an equal relationship between people who use services and the people responsible for services. They work together, from design to delivery, sharing strategic decision-making about policies as well as decisions about the best way to deliver services.'
      )
    ]
  }
};

export const isLadderId = (value: unknown): value is LadderId => typeof value === 'string' && (LADDER_IDS as readonly string[]).includes(value);

/** A stored ladder id, else the default (plans and settings saved before issue 14 have none: TLAP). */
export const ladderOf = (id: unknown): Ladder => LADDERS[isLadderId(id) ? id : DEFAULT_LADDER];

/** The step values of a ladder (what the plan form accepts). */
export const stepValues = (id: LadderId | undefined): string[] => ladderOf(id).steps.map((s) => s.value);

/**
 * A rung's words on a ladder: `rungWords('westSussex', 'participation')` → "Participation". '' for no
 * rung; a value the ladder does not have (never stored: the form refuses it) reads as itself.
 */
export function rungWords(id: LadderId | undefined, rung: string | undefined): string {
  if (!rung) return '';
  return ladderOf(id).steps.find((s) => s.value === rung)?.words ?? rung;
}

/** Where a step sits on its ladder: 1 = the bottom; 0 when the ladder does not have it. */
export const rungPosition = (id: LadderId | undefined, rung: string | undefined): number => ladderOf(id).steps.findIndex((s) => s.value === rung) + 1;

/**
 * What a plan's step reads as beside the council's current ladder: the words alone when the plan was made
 * under it, else the words and the ladder they belong to ("Co-design (TLAP ladder of co-production)"), so a
 * plan made under an earlier ladder keeps its meaning.
 */
export function planRungLine(planLadder: LadderId | undefined, rung: string | undefined, councilLadder: LadderId | undefined): string {
  const words = rungWords(planLadder, rung);
  if (!words) return '';
  return ladderOf(planLadder).id === ladderOf(councilLadder).id ? words : `${words} (${ladderOf(planLadder).label})`;
}

/** `ladder west sussex`, `ladder bury`, `ladder tlap` (spaces, case and an apostrophe are forgiven). */
export function parseLadderChoice(words: string): LadderId {
  const key = words.toLowerCase().replace(/['’]s\b/g, '').replace(/[^a-z]/g, '');
  const byKey: Record<string, LadderId> = { tlap: 'tlap', thinklocalactpersonal: 'tlap', westsussex: 'westSussex', bury: 'bury' };
  const id = byKey[key];
  if (!id) throw new DomainError('invalid_input', 'Choose one of the ladders: "ladder tlap" (seven steps), "ladder west sussex" (five steps) or "ladder bury" (four descriptors).');
  return id;
}

/** Activities per step, each plan in the words of the ladder it was made with (digests, audit). Keys as {@link stepKey}. */
export const stepKey = (id: LadderId | undefined, rung: string): string => `${ladderOf(id).id}:${rung}`;

/** A {@link stepKey} read back: the words, and where the step sits for sorting (council's ladder first). */
export function describeStepKey(key: string, councilLadder: LadderId | undefined): { words: string; order: number } {
  const [id, rung = ''] = key.split(':');
  const ladder = ladderOf(id);
  const own = ladder.id === ladderOf(councilLadder).id;
  return { words: planRungLine(ladder.id, rung, councilLadder), order: (own ? 0 : 100 * (LADDER_IDS.indexOf(ladder.id) + 1)) + rungPosition(ladder.id, rung) };
}
