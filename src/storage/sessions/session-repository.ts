import { type TableClient, TableTransaction, odata } from '@azure/data-tables';
import type { StoredConversation } from '../../domain/shared/conversation';
import type { AttendanceRepository, Attendee } from '../../domain/surveys/ports';
import type { Session, SessionRepository } from '../../domain/sessions/ports';
import { surveyKeys } from '../shared/keys';
import { EntityTable, type RowOf, pick } from '../shared/entity-table';
import { createRow, getRow, listPartition, removeRow } from '../shared/rows';
import { GroupInserter } from '../shared/group-insert';

interface ActiveEntity {
  partitionKey: string;
  rowKey: string;
  sessionId: string;
}

/** What a session's row holds as the session has it. */
const COLUMNS = ['surveyId', 'surveyVersion', 'facilitatorKey', 'facilitatorUserId', 'facilitatorName', 'current', 'memberCount', 'activityId', 'meetingId', 'paused', 'stage'] as const;

function toEntity(s: Session) {
  return {
    ...pick(s, COLUMNS),
    conversation: JSON.stringify(s.conversation),
    status: s.status,
    startedAt: s.startedAt.toISOString(),
    endedAt: s.endedAt?.toISOString()
  };
}

function fromEntity(e: RowOf<typeof toEntity>, tenantId: string, sessionId: string): Session {
  return {
    ...pick(e, COLUMNS),
    tenantId,
    sessionId,
    conversation: JSON.parse(e.conversation) as StoredConversation,
    status: e.status === 'ended' ? 'ended' : 'open',
    startedAt: new Date(e.startedAt),
    endedAt: e.endedAt ? new Date(e.endedAt) : undefined,
    etag: e.etag
  };
}

/** Virtual sessions: the session row, and a pointer from the chat to its running session. */
export class TableSessionRepository extends EntityTable<Session, ReturnType<typeof toEntity>> implements SessionRepository {
  constructor(table: TableClient) {
    super(table, {
      key: surveyKeys.session,
      idOf: (session) => session.sessionId,
      toEntity,
      fromEntity,
      exists: 'This session has already started.',
      changed: 'The session was changed by someone else. Please try again.',
      deleted: 'The session was deleted meanwhile.'
    });
  }

  /** The chat's pointer to the session, then the session's row; returned as stored. */
  override async create(session: Session): Promise<Session> {
    const pointer = surveyKeys.activeSession(session.tenantId, session.conversation.conversationId);
    // The pointer first: of two facilitators starting at once in one chat, one wins.
    await createRow<ActiveEntity>(this.table, { ...pointer, sessionId: session.sessionId }, 'A session is already running in this chat. Type "session end" to finish it first.');
    try {
      await super.create(session);
    } catch (error) {
      await removeRow(this.table, pointer).catch(() => undefined);
      throw error;
    }
    return this.stored(session);
  }

  async activeIn(tenantId: string, conversationId: string): Promise<Session | undefined> {
    const pointer = await getRow<ActiveEntity>(this.table, surveyKeys.activeSession(tenantId, conversationId));
    return pointer ? this.get(tenantId, pointer.sessionId) : undefined;
  }

  /**
   * Local mode only (docs/meetings.md): the newest running session of any tenant, for the meeting pages
   * opened in a browser without Teams. A scan of the table: never used with real data.
   */
  async newestOpen(): Promise<Session | undefined> {
    let newest: Session | undefined;
    for await (const e of this.table.listEntities<RowOf<typeof toEntity>>({ queryOptions: { filter: odata`status eq ${'open'}` } })) {
      // Session ids are GUIDs, kept as they are in the row key; the tenant is the conversation's.
      const conversation = JSON.parse(e.conversation) as StoredConversation;
      const session = fromEntity(e, conversation.tenantId, e.rowKey ?? '');
      if (!newest || session.startedAt > newest.startedAt) newest = session;
    }
    return newest;
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
  /** First answers that arrive together record their attendance in one transaction (group-insert.ts). */
  private readonly inserter: GroupInserter;

  constructor(private readonly table: TableClient) {
    this.inserter = new GroupInserter(table);
  }

  async record(tenantId: string, surveyId: string, attendee: Attendee, via: string): Promise<boolean> {
    const row: AttendeeEntity = { ...surveyKeys.attendee(tenantId, surveyId, attendee.personKey), personKey: attendee.personKey, userId: attendee.userId, name: attendee.name, via };
    return this.inserter.insert({ ...row });
  }

  async list(tenantId: string, surveyId: string): Promise<Attendee[]> {
    const rows = await listPartition<AttendeeEntity>(this.table, surveyKeys.attendancePartition(tenantId, surveyId));
    return rows.map((e) => ({ personKey: e.personKey, userId: e.userId, name: e.name })).sort((a, b) => a.personKey.localeCompare(b.personKey));
  }

  async settle(tenantId: string, surveyId: string): Promise<void> {
    const rows = (await listPartition<AttendeeEntity>(this.table, surveyKeys.attendancePartition(tenantId, surveyId))).map(
      (e): AttendeeEntity => ({ partitionKey: e.partitionKey, rowKey: e.rowKey, personKey: e.personKey, userId: e.userId, name: e.name, via: e.via })
    );
    // Rewritten in batches: every row now carries the same storage timestamp as its batch.
    for (let i = 0; i < rows.length; i += 100) {
      const tx = new TableTransaction();
      for (const row of rows.slice(i, i + 100)) tx.upsertEntity(row, 'Replace');
      await this.table.submitTransaction(tx.actions);
    }
  }
}
