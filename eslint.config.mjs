import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Only src/teams/ speaks to Teams; the domain speaks to no SDK; cards and storage import only the domain.
const TEAMS_SDK = {
  group: ['botbuilder', 'botbuilder-*', 'botframework-*', '@microsoft/teams-ai', '@microsoft/teams-ai/*'],
  message: 'Only src/teams/ imports botbuilder, botframework-* or @microsoft/teams-ai (docs/CONVENTIONS.md).'
};
const AZURE_SDK = { group: ['@azure/*'], message: 'Only src/storage/ (and the wiring in src/modules/) imports the Azure SDK.' };
const CARD_SDK = { group: ['adaptivecards', 'adaptivecards-*'], message: 'Only src/cards/ renders Adaptive Cards.' };
const ANY_SDK = {
  group: ['@azure/*', '@microsoft/*', 'adaptivecards', 'adaptivecards-*', 'restify', 'pino', 'azurite', 'azurite/*'],
  message: 'src/domain/ is pure: no SDK, no I/O library (docs/CONVENTIONS.md).'
};
const PROCESS_ENV = { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration in src/config.ts only.' };
const REAL_TIME = 'The domain reads time only through the injected Clock (src/domain/shared/clock.ts).';
/** A relative import that climbs out of `layer` into one of the named folders or top-level files. */
function layers(layer, folders, files) {
  return {
    regex: `^(\\.\\./)+(${folders.join('|')})(/.*)?$|^(\\.\\./)+(${files.join('|')})(\\.js)?$`,
    message: `src/${layer}/ may not import ${folders.map((f) => `src/${f}/`).join(', ')} or ${files.map((f) => `src/${f}.ts`).join(', ')} (docs/CONVENTIONS.md).`
  };
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.data/', 'coverage/', 'appPackage/build/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      'no-restricted-syntax': ['error', PROCESS_ENV]
    }
  },
  {
    files: ['src/config.ts', 'scripts/**', 'test/**', 'bench/**', 'vitest.config.mts'],
    rules: { 'no-restricted-syntax': 'off' }
  },
  // Layer boundaries (docs/CONVENTIONS.md). test/unit/boundaries.test.ts proves each one fires.
  { files: ['src/**/*.ts'], ignores: ['src/teams/**'], rules: { 'no-restricted-imports': ['error', { patterns: [TEAMS_SDK] }] } },
  {
    files: ['src/domain/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [TEAMS_SDK, ANY_SDK, layers('domain', ['storage', 'cards', 'teams', 'http', 'modules', 'scheduler'], ['app', 'server', 'config', 'log'])] }] }
  },
  // Time in the domain comes from the Clock (virtual in tests). (A rule given again replaces the one
  // above rather than adding to it: hence PROCESS_ENV here too.)
  {
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/shared/clock.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        PROCESS_ENV,
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: REAL_TIME },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: REAL_TIME },
        { selector: "CallExpression[callee.name='Date']", message: REAL_TIME }
      ],
      'no-restricted-globals': ['error', ...['setTimeout', 'setInterval', 'performance'].map((name) => ({ name, message: REAL_TIME }))]
    }
  },
  {
    files: ['src/cards/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [TEAMS_SDK, AZURE_SDK, layers('cards', ['storage', 'teams', 'http', 'modules', 'scheduler'], ['app', 'server', 'config'])] }] }
  },
  {
    files: ['src/storage/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [TEAMS_SDK, CARD_SDK, layers('storage', ['cards', 'teams', 'http', 'modules', 'scheduler'], ['app', 'server', 'config'])] }] }
  }
);
