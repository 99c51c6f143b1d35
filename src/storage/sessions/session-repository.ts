import { type TableClient, type TableEntityResult, TableTransaction, odata } from '@azure/data-tables';
import type { StoredConversation } from '../../domain/shared/conversation';
import type { AttendanceRepository, Attendee } from '../../domain/surveys/ports';
import type { Session, SessionRepository } from '../../domain/sessions/ports';
import { surveyKeys } from '../shared/keys';
import { createRow, getRow, insertRow, removeRow, saveRowIfMatch } from '../shared/rows';

interface SessionEntity {
  partitionKey: string;
  rowKey: string;
  surveyId: string;
  surveyVersion: number;
  conversation: string;
  facilitatorKey: string;
  facilitatorUserId: string;
  facilitatorName?: string;
  current: number;
  status: string;
  memberCount: number;
  activityId?: string;
  startedAt: string;
  endedAt?: string;
}

interface ActiveEntity {
  partitionKey: string;
  rowKey: string;
  sessionId: string;
}

function toEntity(s: Session): SessionEntity {
  return {
    ...surveyKeys.session(s.tenantId, s.sessionId),
    surveyId: s.surveyId,
    surveyVersion: s.surveyVersion,
    conversation: JSON.stringify(s.conversation),
    facilitatorKey: s.facilitatorKey,
    facilitatorUserId: s.facilitatorUserId,
    facilitatorName: s.facilitatorName,
    current: s.current,
    status: s.status,
    memberCount: s.memberCount,
    activityId: s.activityId,
    startedAt: s.startedAt.toISOString(),
    endedAt: s.endedAt?.toISOString()
  };
}

function fromEntity(tenantId: string, sessionId: string, e: TableEntityResult<SessionEntity>): Session {
  return {
    tenantId,
    sessionId,
    surveyId: e.surveyId,
    surveyVersion: e.surveyVersion,
    conversation: JSON.parse(e.conversation) as StoredConversation,
    facilitatorKey: e.facilitatorKey,
    facilitatorUserId: e.facilitatorUserId,
    facilitatorName: e.facilitatorName,
    current: e.current,
    status: e.status === 'ended' ? 'ended' : 'open',
    memberCount: e.memberCount,
    activityId: e.activityId,
    startedAt: new Date(e.startedAt),
    endedAt: e.endedAt ? new Date(e.endedAt) : undefined,
    etag: e.etag
  };
}

/** Virtual sessions: the session row, and a pointer from the chat to its running session. */
export class TableSessionRepository implements SessionRepository {
  constructor(private readonly table: TableClient) {}

  async create(session: Session): Promise<Session> {
    const pointer = surveyKeys.activeSession(session.tenantId, session.conversation.conversationId);
    // The pointer first: of two facilitators starting at once in one chat, one wins.
    await createRow<ActiveEntity>(this.table, { ...pointer, sessionId: session.sessionId }, 'A session is already running in this chat. Type "session end" to finish it first.');
    try {
      await createRow(this.table, toEntity(session), 'This session has already started.');
    } catch (error) {
      await removeRow(this.table, pointer).catch(() => undefined);
      throw error;
    }
    const stored = await this.get(session.tenantId, session.sessionId);
    if (!stored) throw new Error('session vanished right after it was created');
    return stored;
  }

  async get(tenantId: string, sessionId: string): Promise<Session | undefined> {
    const e = await getRow<SessionEntity>(this.table, surveyKeys.session(tenantId, sessionId));
    return e ? fromEntity(tenantId, sessionId, e) : undefined;
  }

  async activeIn(tenantId: string, conversationId: string): Promise<Session | undefined> {
    const pointer = await getRow<ActiveEntity>(this.table, surveyKeys.activeSession(tenantId, conversationId));
    return pointer ? this.get(tenantId, pointer.sessionId) : undefined;
  }

  async save(session: Session): Promise<Session> {
    const etag = await saveRowIfMatch(this.table, toEntity(session), session.etag, {
      changed: 'The session was changed by someone else. Please try again.',
      deleted: 'The session was deleted meanwhile.'
    });
    return { ...session, etag };
  }

  async release(tenantId: string, conversationId: string, sessionId: string): Promise<void> {
    const key = surveyKeys.activeSession(tenantId, conversationId);
    const pointer = await getRow<ActiveEntity>(this.table, key);
    // Only our own pointer, as read: a newer session's pointer stays.
    if (pointer?.sessionId === sessionId) await removeRow(this.table, key, pointer.etag);
  }
}

interface AttendeeEntity {
  partitionKey: string;
  rowKey: string;
  personKey: string;
  userId: string;
  name?: string;
  via: string;
}

/**
 * Attendance: who took part in a survey (in a session or 1:1). Its own table, keyed by person, with
 * no answer, no survey answer key and no time of its own: it cannot be joined to what anyone said.
 */
export class TableAttendanceRepository implements AttendanceRepository {
  constructor(private readonly table: TableClient) {}

  async record(tenantId: string, surveyId: string, attendee: Attendee, via: string): Promise<boolean> {
    const row: AttendeeEntity = { ...surveyKeys.attendee(tenantId, surveyId, attendee.personKey), personKey: attendee.personKey, userId: attendee.userId, name: attendee.name, via };
    return (await insertRow(this.table, row)) !== undefined;
  }

  async list(tenantId: string, surveyId: string): Promise<Attendee[]> {
    const partitionKey = surveyKeys.attendancePartition(tenantId, surveyId);
    const out: Attendee[] = [];
    for await (const e of this.table.listEntities<AttendeeEntity>({ queryOptions: { filter: odata`PartitionKey eq ${partitionKey}` } })) {
      out.push({ personKey: e.personKey, userId: e.userId, name: e.name });
    }
    return out.sort((a, b) => a.personKey.localeCompare(b.personKey));
  }

  async settle(tenantId: string, surveyId: string): Promise<void> {
    const partitionKey = surveyKeys.attendancePartition(tenantId, surveyId);
    const rows: AttendeeEntity[] = [];
    for await (const e of this.table.listEntities<AttendeeEntity>({ queryOptions: { filter: odata`PartitionKey eq ${partitionKey}` } })) {
      rows.push({ partitionKey: e.partitionKey, rowKey: e.rowKey, personKey: e.personKey, userId: e.userId, name: e.name, via: e.via });
    }
    // Rewritten in batches: every row now carries the same storage timestamp as its batch.
    for (let i = 0; i < rows.length; i += 100) {
      const tx = new TableTransaction();
      for (const row of rows.slice(i, i + 100)) tx.upsertEntity(row, 'Replace');
      await this.table.submitTransaction(tx.actions);
    }
  }
}
