/**
 * The layer boundaries in eslint.config.mjs fire: each forbidden import, linted as if it were written in
 * the layer that must not have it, is reported by `no-restricted-imports`; the allowed ones are not.
 * Likewise the domain's reads of the real time (only the Clock may), and `process.env` still (config only).
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = x;\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

async function realTimeReads(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\n`, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
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

describe('the domain reads time only through the Clock (npm run lint)', () => {
  it.each([
    ['src/domain/surveys/fixture.ts', 'export const at = Date.now();'],
    ['src/domain/surveys/fixture.ts', 'export const now = Date.now;'],
    ['src/domain/surveys/fixture.ts', 'export const at = new Date();'],
    ['src/domain/surveys/fixture.ts', 'export const at = Date();'],
    ['src/domain/delivery/fixture.ts', 'export const wait = new Promise((r) => setTimeout(r, 10));'],
    ['src/domain/delivery/fixture.ts', 'export const tick = setInterval(() => undefined, 10);'],
    ['src/domain/delivery/fixture.ts', 'export const at = performance.now();'],
    ['src/domain/shared/fixture.ts', 'export const at = Date.now();'],
    ['src/domain/surveys/fixture.ts', 'export const env = process.env.X;']
  ])('%s may not: %s', async (filePath, code) => {
    expect((await realTimeReads(filePath, code)).length).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['src/domain/surveys/fixture.ts', "export const at = new Date('2026-01-05T10:00:00Z');"],
    ['src/domain/surveys/fixture.ts', 'export const at = (ms: number) => new Date(ms + 1);'],
    ['src/domain/surveys/fixture.ts', "export const at = Date.parse('2026-01-05');"],
    ['src/domain/shared/clock.ts', 'export const at = Date.now();'],
    ['src/domain/shared/clock.ts', 'export const wait = new Promise((r) => setTimeout(r, 10));'],
    ['src/storage/surveys/fixture.ts', 'export const at = Date.now();']
  ])('%s may: %s', async (filePath, code) => {
    expect(await realTimeReads(filePath, code)).toEqual([]);
  });
});
