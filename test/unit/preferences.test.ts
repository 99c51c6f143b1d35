import { describe, expect, it } from 'vitest';
import { asksForEasyRead, helpStyleFor, parseNeeds } from '../../src/domain/preferences/preferences';

describe('which help card a person gets', () => {
  it('easy read when their preferences ask for easy read or symbols (as the survey cards do)', () => {
    expect(asksForEasyRead(['easyRead'])).toBe(true);
    expect(asksForEasyRead(['symbols', 'bsl'])).toBe(true);
    expect(asksForEasyRead(['readAloud', 'twoPoint', 'bsl', 'aac', 'extraTime'])).toBe(false);
    expect(helpStyleFor({ needs: parseNeeds('easyRead'), inYoungPeopleSession: false })).toBe('easyRead');
    expect(helpStyleFor({ needs: parseNeeds('symbols'), inYoungPeopleSession: false })).toBe('easyRead');
  });

  it("easy read for a young person in a young people's session, whatever their preferences", () => {
    expect(helpStyleFor({ needs: [], inYoungPeopleSession: true })).toBe('easyRead');
    expect(helpStyleFor({ needs: parseNeeds('bsl'), inYoungPeopleSession: true })).toBe('easyRead');
  });

  it('the staff card otherwise', () => {
    expect(helpStyleFor({ needs: [], inYoungPeopleSession: false })).toBe('staff');
    expect(helpStyleFor({ needs: parseNeeds('twoPoint,bsl'), inYoungPeopleSession: false })).toBe('staff');
  });
});
