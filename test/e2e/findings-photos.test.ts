/**
 * Photos as "You said" sources, end to end (docs/findings.md, "Photos"): through the real endpoint, the
 * fake Bot Connector serving the attachment's bytes, and Azurite's Blob service. A JPEG with a GPS tag
 * is stored re-encoded with no metadata; a PNG sent as a Teams file is stored; anything not PNG/JPEG,
 * HEIC, over 10 MB or corrupt is refused with nothing stored; only the owner gets a link (signed, one
 * hour); removing the theme and the retention job delete the blob.
 */
import { BlobServiceClient } from '@azure/storage-blob';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ManualClock } from '../../src/domain/shared/clock';
import type { Actor } from '../../src/domain/shared/conversation';
import { RETENTION_JOB } from '../../src/domain/privacy/privacy-service';
import { parseSurveySettings } from '../../src/domain/surveys/survey';
import { CONTAINERS } from '../../src/storage/shared/blobs';
import { tenantPart } from '../../src/storage/shared/keys';
import { type TestApp, expectEveryCardValid, newTenant, sayForCard, startTestApp } from '../helpers/app';
import { type TestUser, type Where, message, user } from '../helpers/activities';
import { cardElements, cardText } from '../helpers/card-query';
import { type JsonObject, cardsInActivity, expectValidCard } from '../helpers/card-validator';
import { type FakeConnector, startFakeConnector } from '../helpers/fake-connector';
import { approvedPlan } from '../helpers/plan-fixtures';

const DAY = 86_400_000;
const clock = new ManualClock('2026-01-05T16:00:00Z');
let app: TestApp;
let connector: FakeConnector;
const container = BlobServiceClient.fromConnectionString(inject('storageConnectionString')).getContainerClient(CONTAINERS.findingsImages);

beforeAll(async () => {
  connector = await startFakeConnector();
  app = await startTestApp({ clock, config: { publicUrl: 'https://voiceloop.example' } });
});
afterAll(async () => {
  if (connector) expectEveryCardValid(connector);
  await app?.close();
  await connector?.close();
});

const actorOf = (tenantId: string, who: TestUser): Actor => ({ tenantId, userId: who.id, aadObjectId: who.aadObjectId, name: who.name });
const personal = (tenantId: string, who: TestUser): Where => ({ tenantId, serviceUrl: connector.url, conversationType: 'personal', conversationId: `a:1on1-${who.aadObjectId}` });

/** Blobs of the tenant, with their bytes. */
async function blobsOf(tenantId: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for await (const b of container.listBlobsFlat({ prefix: `${tenantPart(tenantId)}/` })) out.set(b.name, await container.getBlockBlobClient(b.name).downloadToBuffer());
  return out;
}

let fileNo = 0;
/** `findings photo <caption>` in a 1:1 chat with an attachment the fake connector serves; returns the reply card. */
async function sendPhoto(where: Where, who: TestUser, caption: string, bytes?: Uint8Array, as: 'inline' | 'file' = 'inline'): Promise<JsonObject> {
  const url = bytes ? connector.serveFile(`photo-${++fileNo}`, bytes, 'application/octet-stream') : undefined;
  const attachments = !url
    ? []
    : as === 'inline'
      ? [{ contentType: 'image/jpeg', contentUrl: url }]
      : [{ contentType: 'application/vnd.microsoft.teams.file.download.info', name: 'mindmap.png', content: { downloadUrl: url, uniqueId: 'x', fileType: 'png' } }];
  const before = connector.sent().length;
  expect((await app.post({ ...message(where, who, `findings photo ${caption}`), attachments })).status).toBe(200);
  const sent = await connector.waitForSent(before + 1);
  const [card] = cardsInActivity(sent[before]);
  expectValidCard(card, caption);
  return card!;
}

/** A closed survey of `owner` under an approved plan, with findings opened. */
async function findingsOf(tenantId: string, owner: TestUser): Promise<string> {
  const { planId } = await approvedPlan(app, { tenantId, serviceUrl: connector.url, member: owner, now: clock.now() });
  const draft = await app.surveys.createDraft({
    planId,
    surveyId: crypto.randomUUID(),
    actor: actorOf(tenantId, owner),
    settings: parseSurveySettings({ title: 'Short breaks', cohort: 'parentCarers', anonymity: 'named' }, clock.now(), 'Europe/London'),
    templateId: 'session-feedback',
    conversation: { tenantId, serviceUrl: connector.url, channelId: 'msteams', conversationId: `a:${owner.id}`, conversationType: 'personal', botId: '28:voiceloop-bot', updatedAt: clock.now().toISOString() },
    timeZone: 'Europe/London'
  });
  const survey = await app.surveys.publish(tenantId, draft.surveyId, actorOf(tenantId, owner), draft.version);
  await app.findings.open(tenantId, survey.surveyId, actorOf(tenantId, owner));
  return survey.surveyId;
}

const photoOf = async (): Promise<Buffer> =>
  sharp({ create: { width: 320, height: 240, channels: 3, background: '#3a7' } })
    .jpeg()
    .withExif({ IFD0: { Make: 'PhoneCo', Model: 'KidCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '54/1 54/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '1/1 23/1 0/1' } })
    .toBuffer();
/** The EXIF GPS-IFD pointer tag (0x8825), little- or big-endian. */
const hasGpsTag = (exif: Buffer | undefined): boolean => !!exif && (exif.includes(Buffer.from([0x25, 0x88])) || exif.includes(Buffer.from([0x88, 0x25])));

describe('photos as "You said" sources', () => {
  it('a JPEG is stored without its metadata (no GPS), a PNG file too; only the owner gets a link; removing the theme deletes the blob', async () => {
    const tenantId = newTenant();
    const owner = user('Olu Owner');
    const surveyId = await findingsOf(tenantId, owner);
    const where = personal(tenantId, owner);

    const original = await photoOf();
    expect(hasGpsTag((await sharp(original).metadata()).exif)).toBe(true);
    const added = await sendPhoto(where, owner, 'Mind map from the forum', original);
    expect(cardText(added)).toContain('Photo added');
    expect(cardText(added)).toContain('Short breaks');

    const stored = [...(await blobsOf(tenantId)).entries()];
    expect(stored).toHaveLength(1);
    const [name, bytes] = stored[0]!;
    expect(name.startsWith(`${tenantPart(tenantId)}/${surveyId}/`)).toBe(true);
    const meta = await sharp(bytes).metadata();
    expect(meta.format).toBe('jpeg');
    expect([meta.width, meta.height]).toEqual([320, 240]);
    expect(meta.exif).toBeUndefined();
    expect(hasGpsTag(meta.exif)).toBe(false);
    expect(bytes.includes(Buffer.from('KidCam'))).toBe(false);
    expect(bytes.includes(Buffer.from('Exif'))).toBe(false);

    const findings = await app.findings.get(tenantId, surveyId);
    const theme = findings.youSaid.find((t) => t.photo)!;
    expect(theme.text).toBe('Mind map from the forum');
    expect(theme.photo).toMatchObject({ contentType: 'image/jpeg', width: 320, height: 240 });

    // A PNG sent as a Teams file (file download info).
    const png = await sharp({ create: { width: 50, height: 40, channels: 4, background: '#fff0' } }).png().toBuffer();
    expect(cardText(await sendPhoto(where, owner, 'A drawing', png, 'file'))).toContain('Photo added');
    const afterPng = await blobsOf(tenantId);
    expect(afterPng.size).toBe(2);
    expect([...afterPng.keys()].some((n) => n.endsWith('.png'))).toBe(true);

    // The owner's link works (and expires); someone else has none; never in a shared chat.
    const links = await sayForCard(app, connector, where, owner, 'findings photos');
    const urls = cardElements(links).filter((e) => e.type === 'Action.OpenUrl').map((e) => String(e.url));
    expect(urls).toHaveLength(2);
    const path = urls.find((u) => u.includes(theme.photo!.name))!.replace('https://voiceloop.example', '');
    const served = await fetch(`${app.url}${path}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
    expect((await fetch(`${app.url}${path.replace(/sig=[^&]+/, 'sig=forged')}`)).status).toBe(404);
    // A member of the findings' working group (its chair, from the plan's group) gets the links too.
    const [workingGroup] = await app.approvals.groups(tenantId);
    expect(findings.teamId).toBe(workingGroup!.teamId);
    const chairMember = workingGroup!.members.find((m) => m.key === workingGroup!.chair)!;
    const chair: TestUser = { id: chairMember.userId, aadObjectId: chairMember.key, name: chairMember.name ?? 'Chair' };
    const chairLinks = cardElements(await sayForCard(app, connector, personal(tenantId, chair), chair, 'findings photos')).filter((e) => e.type === 'Action.OpenUrl');
    expect(chairLinks).toHaveLength(2);
    const stranger = user('Sam Stranger');
    expect(cardText(await sayForCard(app, connector, personal(tenantId, stranger), stranger, 'findings photos'))).toContain('No photos you can see');
    const group: Where = { tenantId, serviceUrl: connector.url, conversationType: 'groupChat', conversationId: `19:room-${tenantId}@thread.v2` };
    expect(cardText(await sayForCard(app, connector, group, owner, 'findings photos'))).toContain('1:1 chat');
    clock.advance(61 * 60_000);
    expect((await fetch(`${app.url}${path}`)).status).toBe(404);

    // Removing the theme deletes its photo.
    await app.findings.removeItem(tenantId, surveyId, actorOf(tenantId, owner), theme.id);
    const left = await blobsOf(tenantId);
    expect(left.size).toBe(1);
    expect(left.has(`${tenantPart(tenantId)}/${theme.photo!.name}`)).toBe(false);
  });

  it('not PNG/JPEG, HEIC, over 10 MB, corrupt or missing: refused with a clear message, nothing stored', async () => {
    const tenantId = newTenant();
    const owner = user('Olu Owner');
    const surveyId = await findingsOf(tenantId, owner);
    const where = personal(tenantId, owner);
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic', 'latin1'), Buffer.alloc(64)]);
    const huge = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(10 * 1024 * 1024)]);
    const corrupt = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF not really a jpeg at all', 'latin1')]);
    const cases: [Uint8Array | undefined, string][] = [
      [gif, 'Send a PNG or JPEG'],
      [heic, 'HEIC format'],
      [huge, 'over 10 MB'],
      [corrupt, 'could not be read'],
      [undefined, 'Attach a photo']
    ];
    for (const [bytes, says] of cases) {
      const card = await sendPhoto(where, owner, 'x', bytes);
      expect(cardText(card), says).toContain('Photo not added');
      expect(cardText(card), says).toContain(says);
    }
    expect((await blobsOf(tenantId)).size).toBe(0);
    expect((await app.findings.get(tenantId, surveyId)).youSaid).toEqual([]);
  });

  it('the retention job deletes the photos with the answers', async () => {
    const tenantId = newTenant();
    const owner = user('Olu Owner');
    const surveyId = await findingsOf(tenantId, owner);
    expect(cardText(await sendPhoto(personal(tenantId, owner), owner, 'Wall of ideas', await photoOf()))).toContain('Photo added');
    expect((await blobsOf(tenantId)).size).toBe(1);
    await app.surveys.close(tenantId, surveyId, actorOf(tenantId, owner));
    clock.advance(366 * DAY);
    await app.privacy.runRetention({ tenantId, kind: RETENTION_JOB, key: surveyId, dueAt: clock.now(), payload: { surveyId }, attempts: 0 });
    expect((await blobsOf(tenantId)).size).toBe(0);
    expect((await app.privacy.mark(tenantId, surveyId))?.counts).toMatchObject({ photos: 1 });
  });
});
