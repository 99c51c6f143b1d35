import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors';
import { concernPhrases, normalizeForScreening, safeguardingPublishGuard, screenText } from '../../src/domain/safeguarding';

const flagged = (text: string) => screenText(text).flagged;

describe('screening free text for concerns', () => {
  it.each([
    "I don't feel safe at home",
    'I DO NOT FEEL SAFE!!',
    'i dont feel safe',
    'Sometimes I feel unsafe on the bus',
    'my step dad hits me',
    'he hurt me when I told',
    'I want to kill myself',
    'I have been self-harming',
    'i keep thinking about suicide',
    "I've been cutting myself",
    'someone touched me and told me not to tell',
    'I am scared to go home',
    'there is abuse at home',
    'I was abused',
    'the driver was abusive to me',
    'sometimes there is nothing to eat',
    'I get bullied every day',
    'Je ne sais pas… I wanna die',
    'I’m not safe'
  ])('catches: %s', (text) => {
    expect(flagged(text)).toBe(true);
  });

  it.each([
    'I feel safe',
    'I feel safe and happy at the club',
    'the bus was abusive?',
    'I hurt my knee playing football',
    'It hurts when the music is loud',
    'the staff are kind and keep me safe',
    'I like swimming and art',
    'The dog grooming course was fun',
    'Knife and fork skills in cooking class',
    'Safety briefing was boring',
    'We made a secret den at forest school'
  ])('does not flag: %s', (text) => {
    expect(flagged(text)).toBe(false);
  });

  it('ignores case, accents, punctuation and curly apostrophes', () => {
    expect(normalizeForScreening('DON’T — feel, SAFE!')).toBe('dont feel safe');
    expect(screenText('I DON’T feel safe').matches).toEqual(['dont feel safe']);
  });

  it('tenants add and remove phrases', () => {
    const phrases = concernPhrases({ add: ['county lines'], remove: ['bullied'] });
    expect(screenText('they made me do county lines', phrases).flagged).toBe(true);
    expect(screenText('I got bullied', phrases).flagged).toBe(false);
  });
});

describe('publish guard: young people + free text needs a safeguarding lead', () => {
  const survey = (cohort: string, types: string[]) => ({ tenantId: 't', cohort, questions: types.map((type) => ({ type })) });
  it('refuses without a lead, with a reason the author can act on', async () => {
    const guard = safeguardingPublishGuard(async () => undefined);
    await expect(guard(survey('youngPeople', ['single', 'text']))).rejects.toThrow(/designated safeguarding lead must be set/);
    await expect(guard(survey('youngPeople', ['text']))).rejects.toBeInstanceOf(DomainError);
  });
  it('allows with a lead, and always for other cohorts or without free text', async () => {
    await expect(safeguardingPublishGuard(async () => ({ personKey: 'dsl' }))(survey('youngPeople', ['text']))).resolves.toBeUndefined();
    const none = safeguardingPublishGuard(async () => undefined);
    await expect(none(survey('staff', ['text']))).resolves.toBeUndefined();
    await expect(none(survey('youngPeople', ['single', 'scale']))).resolves.toBeUndefined();
  });
});
