/** Which free texts are withheld (src/domain/safeguarding/withheld-text.ts), with a tenant's phrases read from Azurite. */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/shared/clock';
import { safeguardingAlertCard, safeguardingReplyCard, safeguardingUnacknowledgedCard } from '../../src/cards/safeguarding/safeguarding-cards';
import { ConcernPhraseCache } from '../../src/domain/safeguarding/concern-phrases';
import { SafeguardingService } from '../../src/domain/safeguarding/safeguarding-service';
import { FlaggedTextFilter } from '../../src/domain/safeguarding/withheld-text';
import { TableAlertLedger, TableSealedIdentities } from '../../src/storage/safeguarding/safeguarding-repository';
import { TableAuditLog } from '../../src/storage/shared/audit-repository';
import { TABLES } from '../../src/storage/shared/keys';
import { type Storage, storage } from '../helpers/delivery-harness';

let s: Storage;
beforeAll(async () => {
  s = await storage();
});

describe('the flagged-text filter', () => {
  it('withholds what the screen flags, keeps ordinary answers, and applies a phrase the council adds once its cached phrases are 10 s old', async () => {
    const tenantId = randomUUID();
    const clock = new ManualClock('2031-03-03T16:00:00Z');
    const filter = new FlaggedTextFilter({ settings: s.settings, alerts: new TableAlertLedger(s.tables.client(TABLES.safeguarding)), clock });

    let withheld = await filter.forTenant(tenantId);
    expect(withheld('I want to kill myself')).toBe(true);
    expect(withheld('he hits me')).toBe(true);
    expect(withheld('More trips to the seaside please')).toBe(false);
    expect(withheld('The minibus was purple')).toBe(false);

    await s.settings.update(tenantId, (current) => ({ ...current, concernPhrases: { add: ['minibus was purple'], remove: [] } }));
    clock.advance(9_999);
    withheld = await filter.forTenant(tenantId);
    expect(withheld('The minibus was purple')).toBe(false); // still the phrases read a moment ago
    clock.advance(1);
    withheld = await filter.forTenant(tenantId);
    expect(withheld('The minibus was purple')).toBe(true);
    expect(withheld('More trips to the seaside please')).toBe(false);

    // Another tenant's phrases are its own.
    expect((await filter.forTenant(randomUUID()))('The minibus was purple')).toBe(false);
  });

  it('withholds a text that raised an alert even when the screen no longer flags it (the ledger is the record)', async () => {
    const tenantId = randomUUID();
    const alerts = new TableAlertLedger(s.tables.client(TABLES.safeguarding));
    const filter = new FlaggedTextFilter({ settings: s.settings, alerts, clock: new ManualClock('2031-03-03T16:00:00Z') });
    // Raised while an older screen (or a since-removed phrase) flagged it; today's screen does not.
    const text = 'Nobody came to the garden party';
    expect((await filter.forTenant(tenantId))(text)).toBe(false);
    await alerts.begin({
      tenantId, subjectId: 'survey-9', alertKey: 'q1|resp-9', alertId: 'alert-9', subjectTitle: 'Summer', questionId: 'q1', questionText: 'Anything else?',
      responseKey: 'resp-9', text, categories: ['council-phrase'], matches: ['garden party'], anonymous: true, raisedAt: new Date('2031-03-03T15:00:00Z'),
      timeZone: 'Europe/London', ackMinutes: 60
    });
    const fresh = new FlaggedTextFilter({ settings: s.settings, alerts, clock: new ManualClock('2031-03-03T16:00:00Z') });
    const withheld = await fresh.forTenant(tenantId);
    expect(withheld('Nobody came to the  garden party!')).toBe(true);
    expect(withheld('The garden party was lovely')).toBe(false);
    expect((await fresh.forTenant(randomUUID()))(text)).toBe(false);
  });
});

describe('the council\'s phrases: one cache for the alert path and the filter', () => {
  it('both read a tenant\'s phrases through one cache: one read serves both, and a new phrase reaches both once it is 10 s old', async () => {
    const tenantId = randomUUID();
    const clock = new ManualClock('2031-03-03T16:00:00Z');
    let reads = 0;
    const counted = { get: async (t: string) => (reads++, s.settings.get(t)) };
    const phrases = new ConcernPhraseCache(counted, clock);
    const alerts = new TableAlertLedger(s.tables.client(TABLES.safeguarding));
    const filter = new FlaggedTextFilter({ settings: counted, phrases, alerts, clock });
    const service = new SafeguardingService({
      settings: s.settings, phrases, sealed: new TableSealedIdentities(s.tables.client(TABLES.sealedIdentities)), alerts,
      sender: { sendToPerson: async () => ({ delivered: true, activityId: 'a-1' }) },
      alertCard: safeguardingAlertCard, replyCard: safeguardingReplyCard, unacknowledgedCard: safeguardingUnacknowledgedCard,
      due: s.due, escalationJob: `test.phrases.${randomUUID().slice(0, 8)}`, audit: new TableAuditLog(s.tables.client(TABLES.audit)), clock
    });
    const screen = (text: string) => service.screenAnswer({ tenantId, subjectId: 'survey-1', subjectTitle: 'S', questionId: 'q1', responseKey: randomUUID(), text, anonymous: true });

    await s.settings.update(tenantId, (current) => ({ ...current, concernPhrases: { add: ['minibus was purple'], remove: [] } }));
    expect((await filter.forTenant(tenantId))('The minibus was purple')).toBe(true);
    expect((await screen('The minibus was purple')).categories).toEqual(['council-phrase']);
    expect(reads).toBe(1);

    await s.settings.update(tenantId, (current) => ({ ...current, concernPhrases: { add: ['minibus was purple', 'green door'], remove: [] } }));
    clock.advance(9_999);
    expect((await screen('behind the green door')).flagged).toBe(false); // still the phrases read a moment ago
    expect((await filter.forTenant(tenantId))('behind the green door')).toBe(false);
    expect(reads).toBe(1);
    clock.advance(1);
    expect((await screen('behind the green door')).categories).toEqual(['council-phrase']);
    expect((await filter.forTenant(tenantId))('behind the green door')).toBe(true);
    expect(reads).toBe(2);
  });
});
