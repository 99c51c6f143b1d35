/**
 * What the meeting pages need of Teams (docs/meetings.md), through the Bot Connector in a turn of the
 * meeting chat: a participant's meeting role (`GET /v1/meetings/{id}/participants/{oid}?tenantId=`),
 * the chat's members, the targeted in-meeting prompt (`POST /v1/meetings/{id}/notification`), and the
 * session's card in the chat after the panel moved the session on.
 */
import { type TeamsMeetingParticipant, type TargetedMeetingNotification, TeamsInfo } from 'botbuilder';
import type { StoredConversation } from '../../domain/shared/conversation';
import type { MeetingGateway, MeetingParticipant, MeetingPrompt, MeetingRole } from '../../domain/meetings/ports';
import type { SessionState } from '../../domain/sessions/session-service';
import type { Logger } from '../../log';
import type { TeamsProactiveSender } from '../shared/proactive';
import { sharedCard } from '../sessions/session-routes';

const MAX_MEMBERS_READ = 1_000;

function statusOf(error: unknown): number | undefined {
  const status = error && typeof error === 'object' && 'statusCode' in error ? (error as { statusCode: unknown }).statusCode : undefined;
  return typeof status === 'number' ? status : undefined;
}

/** Teams' meeting roles: Organizer, Presenter, Attendee (anything else is treated as an attendee). */
export function roleOf(raw: string | undefined): MeetingRole {
  const role = (raw ?? '').toLowerCase();
  return role === 'organizer' ? 'organizer' : role === 'presenter' ? 'presenter' : 'attendee';
}

export class TeamsMeetingGateway implements MeetingGateway {
  constructor(
    private readonly proactive: TeamsProactiveSender,
    private readonly log: Logger
  ) {}

  async participant(conversation: StoredConversation, meetingId: string, aadObjectId: string): Promise<MeetingParticipant | undefined> {
    let found: TeamsMeetingParticipant;
    try {
      found = await this.proactive.inConversation(conversation, (context) => TeamsInfo.getMeetingParticipant(context, meetingId, aadObjectId, conversation.tenantId));
    } catch (error) {
      // Teams answers 404 (or 403) for someone not in that meeting, or a meeting the bot is not in.
      const status = statusOf(error);
      if (status === 404 || status === 403) return undefined;
      throw error;
    }
    if (!found.user?.id) return undefined;
    return {
      userId: found.user.id,
      aadObjectId: found.user.aadObjectId || undefined,
      name: found.user.name || undefined,
      role: roleOf(found.meeting?.role),
      conversationId: found.conversation?.id
    };
  }

  async members(conversation: StoredConversation): Promise<{ userId: string; personKey: string }[]> {
    return this.proactive.inConversation(conversation, async (context) => {
      const out: { userId: string; personKey: string }[] = [];
      let token: string | undefined;
      do {
        const page = await TeamsInfo.getPagedMembers(context, 100, token);
        for (const m of page.members ?? []) if (m.id) out.push({ userId: m.id, personKey: m.aadObjectId || m.id });
        token = page.continuationToken || undefined;
      } while (token && out.length < MAX_MEMBERS_READ);
      return out;
    });
  }

  async notify(conversation: StoredConversation, meetingId: string, recipients: string[], prompt: MeetingPrompt): Promise<void> {
    if (recipients.length === 0) return;
    const notification: TargetedMeetingNotification = {
      type: 'targetedMeetingNotification',
      value: {
        recipients,
        surfaces: [{ surface: 'meetingStage', contentType: 'task', content: { value: { height: 600, width: 480, title: prompt.title, url: prompt.url } } }]
      }
    };
    const response = await this.proactive.inConversation(conversation, (context) => TeamsInfo.sendMeetingNotification(context, notification, meetingId));
    const failed = response?.recipientsFailureInfo ?? [];
    if (failed.length > 0) this.log.info({ meetingId, failed: failed.length }, 'in-meeting prompt: some people could not be reached');
  }

  /** The session's card in the meeting chat, as the chat's own `next` would leave it. */
  async refreshChat(state: SessionState): Promise<void> {
    const { session } = state;
    if (!session.activityId) return;
    await this.proactive.updateInConversation(session.conversation, session.activityId, sharedCard(state));
  }
}

