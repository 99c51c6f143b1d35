/** Which free texts are withheld (src/domain/safeguarding/withheld-text.ts), with a tenant's phrases read from Azurite. */
import { randomUUID } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ManualClock } from '../../src/domain/shared/clock';
import { safeguardingAlertCard, safeguardingReplyCard, safeguardingUnacknowledgedCard } from '../../src/cards/safeguarding/safeguarding-cards';
import { ConcernPhraseCache } from '../../src/domain/safeguarding/concern-phrases';
import { SafeguardingService } from '../../src/domain/safeguarding/safeguarding-service';
import { screenText } from '../../src/domain/safeguarding/safeguarding';
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

describe('what the filter reads of the alerts', () => {
  /** A ledger on the real table whose responses are counted (bytes of body, rows): what a read costs. */
  function countedLedger() {
    const read = { bytes: 0, requests: 0 };
    const client = TableClient.fromConnectionString(inject('storageConnectionString'), TABLES.safeguarding, {
      allowInsecureConnection: true,
      additionalPolicies: [
        {
          position: 'perCall',
          policy: {
            name: 'count-bytes',
            sendRequest: async (request, next) => {
              const response = await next(request);
              read.requests++;
              read.bytes += Buffer.byteLength(response.bodyAsText ?? '');
              return response;
            }
          }
        }
      ]
    });
    return { ledger: new TableAlertLedger(client), read };
  }

  it('only the words column, a fraction of the rows; every text that raised an alert is still withheld, whatever the screen says now', async () => {
    const tenantId = randomUUID();
    const alerts = new TableAlertLedger(s.tables.client(TABLES.safeguarding));
    // Texts today's screen does not flag (raised by a phrase since removed, or an older screen): only the ledger withholds them.
    const texts = Array.from({ length: 40 }, (_, i) => `Nobody came to the garden party number ${i}`);
    for (const [i, text] of texts.entries()) {
      const ref = { subjectId: `survey-${i % 4}`, alertKey: `q1|resp-${i}` };
      await alerts.begin({
        tenantId, ...ref, alertId: `alert-${i}`, subjectTitle: 'Summer holidays and short breaks', questionId: 'q1', questionText: 'Is there anything else you would like to tell us?',
        responseKey: `resp-${i}`, text, categories: ['council-phrase'], matches: ['garden party'], anonymous: false, respondent: 'Sam Example',
        raisedAt: new Date('2031-03-03T15:00:00Z'), timeZone: 'Europe/London', ackMinutes: 60
      });
      await alerts.update(tenantId, ref, (current) => ({
        ...current,
        cards: [{ personKey: 'dee-aad-00000000-0000', activityId: `1:activity-${i}-aaaaaaaaaaaaaaaa` }, { personKey: 'dan-aad-00000000-0000', activityId: `1:activity-${i}-bbbbbbbbbbbbbbbb` }],
        escalatedTo: ['dan-aad-00000000-0000'],
        escalatedAt: new Date('2031-03-03T16:00:00Z')
      }));
    }
    // One whose words retention deleted: nothing to withhold, nothing read but an empty cell.
    await alerts.update(tenantId, { subjectId: 'survey-0', alertKey: 'q1|resp-0' }, (current) => ({ ...current, text: '', matches: [], wordsDeletedAt: new Date('2031-03-04T00:00:00Z') }));

    const before = countedLedger();
    const rows = await before.ledger.list(tenantId); // what the filter read until now
    const after = countedLedger();
    const words = await after.ledger.alertedWords(tenantId);
    console.log(`withheld-text filter, one refresh of a tenant with ${rows.length} alerts: whole rows ${before.read.bytes} bytes; words only ${after.read.bytes} bytes (${((100 * after.read.bytes) / before.read.bytes).toFixed(0)}%)`);
    expect(words).toHaveLength(rows.length);
    expect(new Set(words)).toEqual(new Set(rows.map((r) => r.text)));
    expect(after.read.bytes).toBeLessThan(before.read.bytes / 2);

    const filter = new FlaggedTextFilter({ settings: s.settings, alerts: after.ledger, clock: new ManualClock('2031-03-03T16:00:00Z') });
    const withheld = await filter.forTenant(tenantId);
    for (const text of texts.slice(1)) {
      expect(screenText(text).flagged, text).toBe(false);
      expect(withheld(text), text).toBe(true);
      expect(withheld(`  ${text.toUpperCase()}!`), text).toBe(true);
    }
    expect(withheld('The garden party was lovely')).toBe(false);
    expect(withheld('I want to kill myself')).toBe(true);
  });
});
