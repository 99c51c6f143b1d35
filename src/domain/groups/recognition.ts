/**
 * Recognition (docs/groups.md): `my voice` shows a person what they took part in and what changed
 * because of it (published findings' "We did" items of those surveys), and a participation officer can
 * send them an easy-read certificate ("Thank you for helping to change…"). Read from attendance (who took
 * part, never what they said) and published findings: nothing new is stored about the person.
 */
import type { Findings, WeDidStatus } from '../findings/findings';
import type { Survey } from '../surveys/survey';
import type { ContributionsReader } from './ports';

export interface Contribution {
  surveyId: string;
  title: string;
  /** The "We did" items of the survey's published findings; empty while none are published. */
  changes: { text: string; status: WeDidStatus }[];
}

export interface RecognitionDeps {
  contributions: ContributionsReader;
  /** The survey, or undefined once it is gone. */
  survey(tenantId: string, surveyId: string): Promise<Survey | undefined>;
  /** The survey's findings, or undefined when there are none. */
  findings(tenantId: string, surveyId: string): Promise<Findings | undefined>;
}

/** The most contributions a card lists (newest surveys are not known: attendance keeps no time). */
export const MY_VOICE_LIMIT = 10;

export class RecognitionService {
  constructor(private readonly deps: RecognitionDeps) {}

  /** What this person took part in, and what changed because of it (published findings only). */
  async contributionsOf(tenantId: string, personKey: string): Promise<Contribution[]> {
    const surveyIds = await this.deps.contributions.surveysOf(tenantId, personKey);
    const found = await Promise.all(
      surveyIds.map(async (surveyId): Promise<Contribution | undefined> => {
        const survey = await this.deps.survey(tenantId, surveyId);
        if (!survey) return undefined;
        const findings = await this.deps.findings(tenantId, surveyId);
        const changes = findings?.state === 'published' ? findings.weDid.map((w) => ({ text: w.easyText || w.text, status: w.status })) : [];
        return { surveyId, title: survey.title, changes };
      })
    );
    // Those with changes first: what their voice did is the point of the card.
    return found
      .filter((c): c is Contribution => c !== undefined)
      .sort((a, b) => Number(b.changes.length > 0) - Number(a.changes.length > 0) || a.title.localeCompare(b.title))
      .slice(0, MY_VOICE_LIMIT);
  }
}
