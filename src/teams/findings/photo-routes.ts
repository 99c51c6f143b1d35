/**
 * Photos as "You said" sources (docs/findings.md, "Photos"). In a 1:1 chat the owner sends a photo of a
 * mind map or a drawing with `findings photo <caption>`: a file attachment (Teams' file download info,
 * whose download URL is pre-authorised) or an inline image (its contentUrl, fetched with the bot's token
 * when the connector has one). At most 10 MB is read. `findings photos` gives the owner and the members of
 * the working group signed links (one hour) to the photos they may see. Never in a shared chat.
 */
import type { TurnContext } from 'botbuilder';
import { easyInfoCard, line } from '../../cards/shared/easy-info-card';
import { noticeCard } from '../../cards/shared/notice-card';
import { PHOTO_LINK_MINUTES, PHOTO_MAX_BYTES, PHOTO_REFUSALS, type FindingsPhotos } from '../../domain/findings/photos';
import { isDomainError } from '../../domain/shared/errors';
import { actorOf, conversationTypeOf } from '../shared/activity';
import { cardMessage } from '../shared/card-message';
import type { App, TeamsDeps } from '../shared/route-helpers';

export interface PhotoRouteDeps {
  photos: FindingsPhotos;
  publicUrl?: string;
}

const PHOTO = /^\s*findings\s+photo\b(?!s)\s*([\s\S]*)$/i;
const PHOTOS = /^\s*findings\s+photos\s*$/i;
const FILE_INFO = 'application/vnd.microsoft.teams.file.download.info';

/** Too big: more than the limit was read (the domain refuses it with the size message). */
const TOO_BIG = new Uint8Array(PHOTO_MAX_BYTES + 1);

/** The first photo-like attachment's URL and whether it needs the bot's token. */
function photoUrlOf(context: TurnContext): { url: string; needsToken: boolean } | undefined {
  for (const a of context.activity.attachments ?? []) {
    const content = a.content as { downloadUrl?: unknown } | undefined;
    if (a.contentType === FILE_INFO && typeof content?.downloadUrl === 'string') return { url: content.downloadUrl, needsToken: false };
    if (typeof a.contentUrl === 'string' && (a.contentType?.startsWith('image/') || a.contentType === 'application/octet-stream')) return { url: a.contentUrl, needsToken: true };
  }
  return undefined;
}

/** The bot's token, when the connector client has credentials (production); none in local mode and tests. */
async function botToken(context: TurnContext): Promise<string | undefined> {
  const client = context.turnState.get(context.adapter.ConnectorClientKey) as { credentials?: { getToken?: () => Promise<string> } } | undefined;
  return client?.credentials?.getToken ? client.credentials.getToken() : undefined;
}

function sameHost(url: string, serviceUrl: string | undefined): boolean {
  try {
    return serviceUrl !== undefined && new URL(url).host === new URL(serviceUrl).host && new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
}

/** Reads at most the limit (plus one byte, so "too big" is known without reading the rest). */
async function download(context: TurnContext, source: { url: string; needsToken: boolean }): Promise<Uint8Array> {
  const headers: Record<string, string> = {};
  // The token goes only to the Bot Framework service the activity came from, never to another host.
  if (source.needsToken && sameHost(source.url, context.activity.serviceUrl)) {
    const token = await botToken(context);
    if (token) headers.authorization = `Bearer ${token}`;
  }
  const response = await fetch(source.url, { headers, redirect: 'follow' });
  if (!response.ok || !response.body) throw new Error(`photo download answered ${response.status}`);
  if (Number(response.headers.get('content-length') ?? 0) > PHOTO_MAX_BYTES) {
    await response.body.cancel();
    return TOO_BIG;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > PHOTO_MAX_BYTES) return TOO_BIG;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function registerPhotoRoutes(app: App, deps: TeamsDeps & PhotoRouteDeps): void {
  const personalOnly = async (context: TurnContext): Promise<boolean> => {
    if (conversationTypeOf(context.activity) === 'personal') return true;
    await context.sendActivity(cardMessage(noticeCard('Photos', 'Photos of what people said are private: send or ask for them in your 1:1 chat with VoiceLoop.', 'attention')));
    return false;
  };

  app.message(PHOTO, async (context) => {
    if (!(await personalOnly(context))) return;
    const caption = (PHOTO.exec(context.activity.text ?? '')?.[1] ?? '').trim();
    const actor = actorOf(context.activity);
    try {
      const source = photoUrlOf(context);
      let bytes: Uint8Array | undefined;
      if (source) {
        try {
          bytes = await download(context, source);
        } catch (error) {
          deps.log.info({ err: String(error) }, 'findings photo: download failed');
          await context.sendActivity(cardMessage(noticeCard('Photo not added', 'VoiceLoop could not fetch that photo from Teams. Send it again.', 'attention')));
          return;
        }
      }
      const { findings, photo } = await deps.photos.add(actor, bytes, caption);
      await context.sendActivity(
        cardMessage(
          noticeCard(
            '📷 Photo added',
            `Added to "${findings.title}" as a "You said" (${photo.width}×${photo.height}, stored without its location or camera details). ` +
              'Only you and your working group can see it: type "findings photos". Give it an easy-read text in the findings editor before you publish.',
            'good'
          )
        )
      );
    } catch (error) {
      if (!isDomainError(error)) throw error;
      deps.log.info({ code: error.code }, 'findings photo refused');
      await context.sendActivity(cardMessage(noticeCard('Photo not added', error.message || PHOTO_REFUSALS.none, 'attention')));
    }
  });

  app.message(PHOTOS, async (context) => {
    if (!(await personalOnly(context))) return;
    const links = await deps.photos.linksFor(actorOf(context.activity));
    const lines =
      links.length === 0
        ? [line('📭 No photos you can see yet. Send one with "findings photo" and a caption.')]
        : [line(`🔒 Only the findings' owner and their working group can open these. Links work for ${PHOTO_LINK_MINUTES} minutes.`)];
    const buttons = links.slice(0, 12).map((l) => ({
      kind: 'link' as const,
      title: `📷 ${l.findings.title}: ${l.theme.text}`.slice(0, 80),
      verb: '',
      url: `${deps.publicUrl ?? ''}${l.path}`,
      style: 'default' as const,
      data: {}
    }));
    await context.sendActivity(cardMessage(easyInfoCard({ title: '📷 Photos of what people said', lines, buttons, easyRead: false })));
  });
}
