/** Ports of meeting sessions (docs/meetings.md): what the meeting pages need of Teams. src/teams/meetings implements them. */
import type { StoredConversation } from '../shared/conversation';

/** A person's role in the meeting, as Teams reports it. */
export type MeetingRole = 'organizer' | 'presenter' | 'attendee';

/** One participant of a meeting, as the Bot Connector's meeting participant API returns them. */
export interface MeetingParticipant {
  /** Channel user id (29:…): the id the bot knows the person by in the chat. */
  userId: string;
  aadObjectId?: string;
  name?: string;
  role: MeetingRole;
  /** The meeting's chat, which the meeting belongs to: it ties the meeting to a session. */
  conversationId?: string;
}

/** An in-meeting prompt: the page it opens on the meeting stage. */
export interface MeetingPrompt {
  title: string;
  url: string;
}

export interface MeetingGateway {
  /** The participant, or undefined when Teams says the person is not in this meeting. */
  participant(conversation: StoredConversation, meetingId: string, aadObjectId: string): Promise<MeetingParticipant | undefined>;
  /** The chat's members (channel user ids), for whom to prompt. */
  members(conversation: StoredConversation): Promise<{ userId: string; personKey: string }[]>;
  /** A targeted in-meeting notification to these people (channel user ids); at most 50 a call. */
  notify(conversation: StoredConversation, meetingId: string, recipients: string[], prompt: MeetingPrompt): Promise<void>;
}
