/**
 * How the screen reads writing that is not plain English words: emoji and flags, letters written as
 * digits or symbols, family and harm words from other home languages, and telegraphic answers from a
 * symbol board (docs/safeguarding.md, "How the screen reads").
 */
import { describe, expect, it } from 'vitest';
import { screenText } from '../../src/domain/safeguarding/safeguarding';
import { emojiToWords, normalise, unLeet } from '../../src/domain/safeguarding/screening/text';

const words = (text: string): string => text.replace(/\s+/g, ' ').trim();

describe('emoji and flags are read as words', () => {
  it('maps each emoji to the word it stands for, whatever its skin tone or variation selector', () => {
    expect(words(emojiToWords('dad 👊🏽 me 🩸'))).toBe('dad punch me blood');
    expect(words(emojiToWords('✂️ 🤫'))).toBe('cut secret');
    expect(words(emojiToWords('no 💷 no 🛂'))).toBe('no money no passport');
  });

  it('reads a flag as its country, or "abroad" for a country the rules do not name; other pictures become spaces', () => {
    expect(words(emojiToWords('✈️➡️🇵🇰'))).toBe('plane to pakistan');
    expect(words(emojiToWords('🇬🇧'))).toBe('uk');
    expect(words(emojiToWords('🇫🇷'))).toBe('abroad');
    expect(words(emojiToWords('i like 🦄 and 🌈'))).toBe('i like and');
  });

  it('flags a disclosure told in emoji, and not an everyday answer full of them', () => {
    expect(screenText('stepdad 👊👊 me last night 🩸😭').flagged).toBe(true);
    expect(screenText('💊💊💊 tonight 💀 bye').flagged).toBe(true);
    expect(screenText('football club is the best ⚽😂 and the coach is funny 👍').flagged).toBe(false);
    expect(screenText('Boxing club on Tuesdays 🥊 makes me feel strong').flagged).toBe(false);
  });
});

describe('letters written as digits or symbols', () => {
  it('reads a leetspeak word as the word it spells', () => {
    expect(unLeet('k1ll1ng')).toBe('killing');
    expect(unLeet('m@rry')).toBe('marry');
    expect(unLeet('h1ts,')).toBe('hits,');
    expect(unLeet('sh3')).toBe('she');
  });

  it('leaves times, ordinals, amounts and text-speak alone', () => {
    for (const word of ['5am', '10pm', '1st', '3rd', '24hrs', '10k', 'b4', 'l8r', 'any1', '24/7', '@jay']) expect(unLeet(word)).toBe(word);
  });

  it('reads a starred-out letter as the word it hides, and letters spelt out one by one as a word', () => {
    expect(unLeet('c*tting')).toBe('cutting');
    expect(unLeet('k#ll')).toBe('kill');
    expect(normalise('thinking about s-u-i-c-i-d-e')).toBe('thinking about suicide');
    expect(screenText('been c*tting again').flagged).toBe(true);
    expect(screenText('k.i.l.l m.y.s.e.l.f').flagged).toBe(true);
  });

  it('reads letters typed one at a time with spaces, wider gaps or none between the words (round 18)', () => {
    expect(normalise('s t e p d a d   h u r t s   m e')).toBe('step dad hurts me');
    expect(normalise('m u m s b o y f r i e n d t o u c h e s m e')).toBe('mums boyfriend touches me');
    expect(normalise('i w a n t t o d i e')).toBe('i want to die');
    expect(normalise('he h i t me')).toBe('he hit me');
    expect(screenText('s t e p d a d   h u r t s   m e').flagged).toBe(true);
    expect(screenText('n o b o d y  f e e d s  m e').flagged).toBe(true);
    // Initials and a lone letter stay as they are.
    expect(normalise('J K Rowling is my fave')).toBe('j k rowling is my fave');
    expect(normalise('i am at b and q')).toBe('i am at b and q');
  });

  it('a word the English model splits ("5yrs", "3x") does not stop the other words being read by their lemmas', () => {
    expect(screenText('dad smackd me hard 3x this week').flagged).toBe(true);
    expect(screenText('been strangld by him for 5yrs').flagged).toBe(true);
  });

  it('flags a disclosure written in leetspeak', () => {
    expect(screenText('h3 h1ts m3 w1th h1s b3lt').flagged).toBe(true);
    expect(screenText('i w@nt 2 d13').flagged).toBe(true);
    expect(screenText('my b1rthd@y is on the 3rd, we are going bowling').flagged).toBe(false);
  });
});

describe('punctuation said aloud, and plurals the model does not list', () => {
  it('reads "full stop", "question mark" and the like from voice-to-text as sentence breaks', () => {
    expect(normalise('make it bigger question mark thank you full stop')).toBe('make it bigger . thank me .');
  });

  it('does not "correct" the plural of a word the model knows into a concern ("tractors" is not "traitors")', () => {
    expect(screenText('I like watching the tractors from the bus window').flagged).toBe(false);
  });
});

describe('words from other home languages', () => {
  it('reads family words (and their possessives) as the English family word', () => {
    expect(normalise('abbu and ammi')).toBe('dad and mum');
    expect(normalise("tata's mate")).toBe('dad mate');
    expect(normalise('hooyo')).toBe('mum');
  });

  it('flags fear or a blow said in another language about a family member', () => {
    expect(screenText('boję się, wujek is always in my room at night').flagged).toBe(true);
    expect(screenText('abbu maarta hai when he is angry').flagged).toBe(true);
    expect(screenText('I went to see nani and chachu in the holidays, we had biryani').flagged).toBe(false);
  });
});

describe('telegraphic answers, as a symbol board writes them', () => {
  it('reads short fragments as one message', () => {
    const s = screenText('Coach. Touch. Pants. Secret.');
    expect(s.flagged).toBe(true);
    expect(s.categories).toContain('sexual');
    expect(screenText('Me. End. Life. Soon.').flagged).toBe(true);
  });

  it('does not alert on ordinary fragments', () => {
    expect(screenText('Park. Swings. Ice cream. Happy.').flagged).toBe(false);
    expect(screenText('Mum. Shop. Bus. Home.').flagged).toBe(false);
  });
});
