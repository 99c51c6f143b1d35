import type { Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { storedConversationOf, teamIdOf } from '../../src/teams/shared/activity';
import { message, user } from '../helpers/activities';

const where = { tenantId: 't1', serviceUrl: 'https://smba.example/', conversationType: 'channel' as const };
const asActivity = (a: unknown): Activity => a as Activity;

describe('teamIdOf', () => {
  it("reads the team from a channel message's channelData", () => {
    const activity = asActivity(message({ ...where, teamId: '19:team@thread.tacv2' }, user('Ana'), 'hi'));
    expect(teamIdOf(activity)).toBe('19:team@thread.tacv2');
    expect(storedConversationOf(activity, new Date(0)).teamId).toBe('19:team@thread.tacv2');
  });

  it('is undefined outside a team, or with no channelData at all', () => {
    expect(teamIdOf(asActivity(message({ ...where, conversationType: 'groupChat' }, user('Ana'), 'hi')))).toBeUndefined();
    expect(teamIdOf(asActivity({ ...message(where, user('Ana'), 'hi'), channelData: undefined }))).toBeUndefined();
  });
});
