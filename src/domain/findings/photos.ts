/**
 * Photos as "You said" sources (docs/findings.md, "Photos"): a photo of a mind map or a drawing sent to
 * VoiceLoop in a 1:1 chat (`findings photo <caption>`) becomes a theme of the owner's findings. Refused,
 * with a clear message and nothing stored, unless it is a PNG or JPEG (HEIC is recognised and refused:
 * it cannot be decoded here), at most 10 MB, and decodes; it is re-encoded without any metadata (no
 * location, no camera, no time) before it is stored in Blob storage. Shown only to the findings' owner
 * and the members of their working group, through a signed link that expires in an hour; deleted with
 * its theme, with the findings, and with the survey's answers by the retention job (docs/privacy.md).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../shared/clock';
import { type Actor, personKey } from '../shared/conversation';
import { DomainError } from '../shared/errors';
import type { Findings, PhotoRef, YouSaid } from './findings';
import type { FindingsService } from './findings-service';

export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
/** How long a link to a photo works. */
export const PHOTO_LINK_MINUTES = 60;

export type PhotoKind = 'png' | 'jpeg' | 'heic';

/** What the bytes are, from their signature (never from the name or the declared type). */
export function sniffPhoto(bytes: Uint8Array): PhotoKind | undefined {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 12 && b.toString('latin1', 4, 8) === 'ftyp' && /^(heic|heix|hevc|hevx|heim|heis|mif1|msf1)$/.test(b.toString('latin1', 8, 12))) return 'heic';
  return undefined;
}

export const PHOTO_REFUSALS = {
  type: 'That is not a photo VoiceLoop can take. Send a PNG or JPEG picture.',
  heic:
    'That photo is in HEIC format, which VoiceLoop cannot read. Send it as a JPEG: on an iPhone, choose Settings › Camera › Formats › Most Compatible, or share it as JPEG.',
  size: 'That photo is over 10 MB. Send a smaller one (most phones can share a smaller size).',
  decode: 'That picture could not be read: it may be damaged. Take or save it again and send it.',
  none: 'Attach a photo to your message: a PNG or JPEG of a mind map or a drawing, up to 10 MB.'
} as const;

/** Re-encodes a photo without its metadata; throws when it does not decode (src/storage/findings/photo-codec.ts). */
export interface PhotoCodec {
  reencode(bytes: Uint8Array, kind: 'png' | 'jpeg'): Promise<{ bytes: Uint8Array; contentType: PhotoRef['contentType']; width: number; height: number }>;
}

/** The photos container (src/storage/findings/photo-store.ts); every name starts with the tenant. */
export interface PhotoStore {
  put(tenantId: string, name: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(tenantId: string, name: string): Promise<{ bytes: Uint8Array; contentType: string } | undefined>;
  remove(tenantId: string, name: string): Promise<boolean>;
  /** Every photo of one survey's findings. */
  removeForSurvey(tenantId: string, surveyId: string): Promise<number>;
  /** Names of one survey's photos (tests, the retention count). */
  list(tenantId: string, surveyId: string): Promise<string[]>;
}

export interface PhotoDeps {
  findings: FindingsService;
  /** Every findings of the tenant (to find the owner's, and those of their working group). */
  listFindings: (tenantId: string) => Promise<Findings[]>;
  /** The members' keys of a team's working group. */
  workingGroupMembers: (tenantId: string, teamId: string) => Promise<string[]>;
  store: PhotoStore;
  codec: PhotoCodec;
  clock: Clock;
  secret: string;
}

export interface PhotoLink {
  findings: Findings;
  theme: YouSaid;
  path: string;
  expiresAt: Date;
}

const sign = (secret: string, tenantId: string, name: string, expires: number): string =>
  createHmac('sha256', secret).update(`photo\n${tenantId}\n${name}\n${expires}`).digest('base64url');

export class FindingsPhotos {
  constructor(private readonly deps: PhotoDeps) {}

  /**
   * Checks, re-encodes and stores a photo, then adds it to the owner's findings they changed last (not
   * those with the working group). Nothing is stored when anything is refused; a failed add removes the blob.
   */
  async add(actor: Actor, bytes: Uint8Array | undefined, caption: string): Promise<{ findings: Findings; photo: PhotoRef }> {
    const target = (await this.deps.listFindings(actor.tenantId))
      .filter((f) => f.owner === personKey(actor) && f.state !== 'withGroup')
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())[0];
    if (!target) throw new DomainError('not_found', 'You have no findings to add a photo to. Type "findings" to open findings for one of your surveys first.');
    if (!bytes || bytes.byteLength === 0) throw new DomainError('invalid_input', PHOTO_REFUSALS.none);
    if (bytes.byteLength > PHOTO_MAX_BYTES) throw new DomainError('invalid_input', PHOTO_REFUSALS.size);
    const kind = sniffPhoto(bytes);
    if (!kind) throw new DomainError('invalid_input', PHOTO_REFUSALS.type);
    if (kind === 'heic') throw new DomainError('invalid_input', PHOTO_REFUSALS.heic);
    let clean: Awaited<ReturnType<PhotoCodec['reencode']>>;
    try {
      clean = await this.deps.codec.reencode(bytes, kind);
    } catch {
      throw new DomainError('invalid_input', PHOTO_REFUSALS.decode);
    }
    const name = `${target.surveyId}/${randomBytes(12).toString('hex')}.${clean.contentType === 'image/png' ? 'png' : 'jpg'}`;
    const photo: PhotoRef = { name, contentType: clean.contentType, width: clean.width, height: clean.height, bytes: clean.bytes.byteLength };
    await this.deps.store.put(actor.tenantId, name, clean.bytes, clean.contentType);
    try {
      return { findings: await this.deps.findings.addPhotoTheme(actor.tenantId, target.surveyId, actor, caption, photo), photo };
    } catch (error) {
      await this.deps.store.remove(actor.tenantId, name);
      throw error;
    }
  }

  /** Signed links to the photos this person may see: of findings they own, or whose working group they are in. */
  async linksFor(actor: Actor): Promise<PhotoLink[]> {
    const me = personKey(actor);
    const all = (await this.deps.listFindings(actor.tenantId)).filter((f) => f.youSaid.some((t) => t.photo));
    const groups = new Map<string, string[]>();
    const maySee = async (f: Findings): Promise<boolean> => {
      if (f.owner === me) return true;
      if (!f.teamId) return false;
      if (!groups.has(f.teamId)) groups.set(f.teamId, await this.deps.workingGroupMembers(actor.tenantId, f.teamId));
      return groups.get(f.teamId)!.includes(me);
    };
    const expiresAt = new Date(this.deps.clock.now().getTime() + PHOTO_LINK_MINUTES * 60_000);
    const expires = Math.floor(expiresAt.getTime() / 1000);
    const links: PhotoLink[] = [];
    for (const f of all) {
      if (!(await maySee(f))) continue;
      for (const theme of f.youSaid) {
        if (!theme.photo) continue;
        const path = `/photos/${encodeURIComponent(actor.tenantId)}/${theme.photo.name}?expires=${expires}&sig=${sign(this.deps.secret, actor.tenantId, theme.photo.name, expires)}`;
        links.push({ findings: f, theme, path, expiresAt });
      }
    }
    return links;
  }

  /** The photo behind a signed link; `not_found` (one answer for every failure) unless genuine, unexpired and still kept. */
  async open(tenantId: string, name: string, expires: unknown, sig: unknown): Promise<{ bytes: Uint8Array; contentType: string }> {
    const n = typeof expires === 'string' && /^\d{1,12}$/.test(expires) ? Number(expires) : NaN;
    const given = typeof sig === 'string' ? Buffer.from(sig) : Buffer.alloc(0);
    const wanted = Number.isFinite(n) ? Buffer.from(sign(this.deps.secret, tenantId, name, n)) : Buffer.alloc(1);
    const genuine = given.length === wanted.length && timingSafeEqual(given, wanted);
    if (!genuine || n * 1000 <= this.deps.clock.now().getTime()) throw new DomainError('not_found', 'This link has expired or does not exist.');
    const photo = await this.deps.store.get(tenantId, name);
    if (!photo) throw new DomainError('not_found', 'This photo has been deleted.');
    return photo;
  }

  /** Retention (docs/privacy.md): a survey's photos go with its answers. */
  deleteForSurvey(tenantId: string, surveyId: string): Promise<number> {
    return this.deps.store.removeForSurvey(tenantId, surveyId);
  }
}
