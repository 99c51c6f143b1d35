/**
 * Kinds of disclosure the category rules learnt from the last unseen set, each in wording that set did
 * not use, beside harmless answers that share its words (docs/safeguarding.md, "Round 14").
 */
import { describe, expect, it } from 'vitest';
import { screenText } from '../../src/domain/safeguarding/safeguarding';
import type { HarmCategory } from '../../src/domain/safeguarding/harm-categories';

const named = (text: string, category: HarmCategory): void => {
  const s = screenText(text);
  expect(s.flagged, text).toBe(true);
  expect(s.categories, text).toContain(category);
};
const harmless = (text: string): void => expect(screenText(text).flagged, text).toBe(false);

describe('round 14: kinds, not sentences', () => {
  it('spat on, and a disability slur', () => {
    named('they gob in my face at the bus stop every day', 'child-on-child');
    named('year 10s keep calling him the r word', 'child-on-child');
    harmless('the llama spat in my hair at the farm lol');
  });

  it('a drop done for someone, and "or you know what happens"', () => {
    named('did u do the run yet? do it tonight or else u know what happens', 'exploitation');
    // (The learnt net may still ask the lead to read it; the rule names no exploitation.)
    expect(screenText('mum did the drop off at nursery then went to work').categories).not.toContain('exploitation');
  });

  it('caring that costs school; nobody from home at the things that matter', () => {
    named('i only get to college 2 days a week cos i look after dad', 'neglect');
    named('nobody from my family came to my annual review again', 'neglect');
    harmless('I get to school more than 3 days early to set up for robotics club');
  });

  it("a girl's body watched for honour", () => {
    named('my gran checks my underwear every night to see if im still good', 'fgm-forced-marriage');
    expect(screenText('mum checks my sheets because I wet the bed sometimes').categories).not.toContain('fgm-forced-marriage');
  });

  it('symbols of violent extremism, and a man teaching children the enemy and targets', () => {
    named('my cousin has a sonnenrad patch on his bag and says the day of the rope is coming', 'radicalisation');
    named('a guy on discord explains to us about the enemy and which mosques are weak', 'radicalisation');
    harmless('in history we learned which buildings in town matter for heritage');
  });
});
