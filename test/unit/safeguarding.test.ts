import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/shared/errors';
import { HARM_CATEGORIES } from '../../src/domain/safeguarding/harm-categories';
import { categoryLabel, concernPhrases, normalizeForScreening, safeguardingPublishGuard, screenText } from '../../src/domain/safeguarding/safeguarding';

const flagged = (text: string) => screenText(text).flagged;

describe('screening free text for concerns', () => {
  it.each([
    "I don't feel safe at home",
    'I DO NOT FEEL SAFE!!',
    'i dont feel safe',
    'Sometimes I feel unsafe on the bus',
    'my step dad hits me',
    'he hurt me when I told',
    'he said he would kill it if i told',
    "he said he'd drown the puppy if I told anyone",
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
    expect(screenText('I DON’T feel safe')).toMatchObject({ flagged: true, categories: ['unsafe'] });
  });

  it.each([
    ['a modifier-letter apostrophe (U+02BC)', 'i don\u02BCt feel safe at home'],
    ['a soft hyphen inside a word', 'he hur\u00ADts me'],
    ['a zero-width space inside a word', 'my dad hits\u200B me'],
    ['a zero-width joiner inside a word', 'i want to k\u200Dill myself']
  ])('invisible or unusual marks do not hide a disclosure: %s', (_how, text) => {
    expect(screenText(text).flagged).toBe(true);
  });

  it('a council adds phrases (named "a phrase your council added"); a category can never be switched off', () => {
    const phrases = concernPhrases({ add: ['purple bus*'], remove: ['bullied'] });
    expect(phrases).toEqual(['purple bus*']);
    expect(screenText('the purple buses are where it happens', phrases)).toMatchObject({ flagged: true, categories: ['council-phrase'] });
    // An old stored removal is ignored: bullying still alerts.
    expect(screenText('I got bullied', phrases)).toMatchObject({ flagged: true, categories: ['child-on-child'] });
  });

  it('names the category of harm, for every category', () => {
    const samples: Record<string, string> = {
      physical: 'my step dad hitts me with his belt',
      emotional: 'mum says she wishes i was never born',
      sexual: 'he touched my private parts',
      neglect: 'there is never any food in the house',
      domestic: 'mums boyfriend punched her and the police came',
      online: 'a man on roblox keeps asking me to send pics',
      exploitation: 'older boys pay me to take packages to other towns',
      'child-on-child': 'the boys in year 9 push me down the stairs',
      'self-harm': 'ive been cutting my arms again',
      suicidal: 'i want to die',
      radicalisation: 'the group online say all immigrants should be killed',
      'fgm-forced-marriage': 'they are taking me abroad to get married and i dont want to',
      'slavery-trafficking': 'i work at the car wash every day for no money and they have my passport',
      missing: 'i ran away from home and slept in the park',
      unsafe: 'he said if i tell anyone he will hurt my mum'
    };
    for (const c of HARM_CATEGORIES) {
      expect(screenText(samples[c.id] as string).categories, c.id).toContain(c.id);
      expect(categoryLabel(c.id)).toBe(c.label);
    }
  });

  it.each([
    ['text-speak', 'ngl im sooo scaredddd of my dad rn'],
    ['misspelt', 'my uncel beets me'],
    ['misspelt', 'i want to kil myslef'],
    ['third person', "my friend's brother hits her with a belt"],
    ['past tense', 'when i was 10 he used to lock me in my room'],
    ['fragment', 'dad. belt. every night.'],
    ['indirect', "i sleep at my friend's most nights now"],
    ['indirect', 'he says nobody would believe me']
  ])('reads young people as they write (%s): %s', (_style, text) => {
    expect(screenText(text).flagged).toBe(true);
  });

  it.each([
    'that film was so scary I nearly died laughing',
    'my legs are dead after football',
    "I'm dying to go on the trip",
    'I hit the ball really hard in rounders',
    'my cat goes missing for a day sometimes',
    'we learned about county lines in PSHE'
  ])('leaves clearly harmless idioms and lessons alone: %s', (text) => {
    expect(screenText(text).flagged).toBe(false);
  });

  it('fails towards the lead: a screen that throws is a flagged "not-screened" answer', () => {
    expect(screenText(undefined as unknown as string)).toEqual({ flagged: true, categories: ['not-screened'], matches: [], failed: true });
    expect(categoryLabel('not-screened')).toMatch(/could not be screened/);
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

describe('an answer that is, on its own, a call for help or an ending', () => {
  it('alerts on the whole answer, however it is written, and never on the same words inside another sentence', () => {
    for (const text of ['help', 'HELP!!', 'help me please', 'sos', 'Save me.']) expect(screenText(text), text).toMatchObject({ flagged: true, categories: ['unsafe'] });
    for (const text of ['i have a plan', "I've got a plan.", 'goodbye everyone', 'It will all be over soon']) expect(screenText(text), text).toMatchObject({ flagged: true, categories: ['suicidal'] });
    for (const text of ['my carer helps me with my shopping', 'I have a plan for college', 'im done', 'no more']) expect(screenText(text).flagged, text).toBe(false);
  });
});
