/**
 * The layer boundaries in eslint.config.mjs fire: each forbidden import, linted as if it were written in
 * the layer that must not have it, is reported by `no-restricted-imports`; the allowed ones are not.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = x;\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer boundaries (npm run lint)', () => {
  it.each([
    ['src/domain/surveys/fixture.ts', "import { x } from 'botbuilder';"],
    ['src/domain/surveys/fixture.ts', "import { x } from '@microsoft/teams-ai';"],
    ['src/domain/surveys/fixture.ts', "import { x } from '@azure/data-tables';"],
    ['src/domain/surveys/fixture.ts', "import { x } from 'adaptivecards-templating';"],
    ['src/domain/surveys/fixture.ts', "import { x } from '../../storage/surveys/survey-repository';"],
    ['src/domain/surveys/fixture.ts', "import { x } from '../../cards/surveys/survey-cards';"],
    ['src/domain/surveys/fixture.ts', "import { x } from '../../teams/surveys/survey-routes';"],
    ['src/domain/surveys/fixture.ts', "import { x } from '../../http/http-server';"],
    ['src/domain/surveys/fixture.ts', "import { x } from '../../modules/surveys';"],
    ['src/domain/surveys/fixture.ts', "import { x } from '../../config';"],
    ['src/cards/surveys/fixture.ts', "import { x } from '../../storage/surveys/survey-repository';"],
    ['src/cards/surveys/fixture.ts', "import { x } from '../../teams/shared/activity';"],
    ['src/cards/surveys/fixture.ts', "import { x } from 'botbuilder';"],
    ['src/cards/surveys/fixture.ts', "import { x } from '@azure/data-tables';"],
    ['src/storage/surveys/fixture.ts', "import { x } from '../../cards/surveys/survey-cards';"],
    ['src/storage/surveys/fixture.ts', "import { x } from '../../teams/shared/activity';"],
    ['src/storage/surveys/fixture.ts', "import { x } from 'botframework-connector';"],
    ['src/modules/fixture.ts', "import { x } from 'botbuilder';"],
    ['src/app.ts', "import { x } from '@microsoft/teams-ai';"]
  ])('%s may not: %s', async (filePath, code) => {
    expect((await restrictedImports(filePath, code)).length).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['src/domain/surveys/fixture.ts', "import { x } from '../shared/clock';"],
    ['src/domain/safeguarding/fixture.ts', "import { x } from 'wink-nlp';"],
    ['src/cards/surveys/fixture.ts', "import { x } from '../../domain/surveys/survey';"],
    ['src/cards/surveys/fixture.ts', "import { x } from 'adaptivecards-templating';"],
    ['src/storage/surveys/fixture.ts', "import { x } from '@azure/data-tables';"],
    ['src/storage/surveys/fixture.ts', "import { x } from '../../domain/surveys/ports';"],
    ['src/teams/surveys/fixture.ts', "import { x } from 'botbuilder';"],
    ['src/teams/surveys/fixture.ts', "import { x } from '../../cards/surveys/survey-cards';"],
    ['src/modules/fixture.ts', "import { x } from '../storage/surveys/survey-repository';"]
  ])('%s may: %s', async (filePath, code) => {
    expect(await restrictedImports(filePath, code)).toEqual([]);
  });
});
