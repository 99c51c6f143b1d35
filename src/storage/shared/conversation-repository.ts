import type { TableClient } from '@azure/data-tables';
import type { StoredConversation } from '../../domain/shared/conversation';
import type { ConversationRepository } from '../../domain/shared/ports';
import { keys } from './keys';
import { getRow, insertRow, removeRow } from './rows';

interface ConversationEntity {
  partitionKey: string;
  rowKey: string;
  reference: string;
  conversationType: string;
  updatedAt: string;
}

/**
 * Conversation references on Azure Tables. An upsert replaces the whole row without an ETag on
 * purpose: the row is a cache of what Teams last told us, and two racing writes carry the same facts.
 */
export class TableConversationRepository implements ConversationRepository {
  constructor(private readonly table: TableClient) {}

  async upsert(conversation: StoredConversation): Promise<void> {
    const key =
      conversation.conversationType === 'personal'
        ? keys.personalConversation(conversation.tenantId, conversation.userAadObjectId ?? conversation.userId ?? '')
        : keys.sharedConversation(conversation.tenantId, conversation.conversationId);
    await this.table.upsertEntity<ConversationEntity>(
      {
        ...key,
        reference: JSON.stringify(conversation),
        conversationType: conversation.conversationType,
        updatedAt: conversation.updatedAt
      },
      'Replace'
    );
  }

  getPersonal(tenantId: string, personKey: string): Promise<StoredConversation | undefined> {
    return this.read(keys.personalConversation(tenantId, personKey));
  }

  getConversation(tenantId: string, conversationId: string): Promise<StoredConversation | undefined> {
    return this.read(keys.sharedConversation(tenantId, conversationId));
  }

  /** Forgets a conversation, and that it was welcomed, so a reinstall is welcomed again. */
  async removeConversation(tenantId: string, conversationId: string): Promise<void> {
    await removeRow(this.table, keys.sharedConversation(tenantId, conversationId));
    await removeRow(this.table, keys.welcomeMarker(tenantId, conversationId));
  }

  async removePersonal(tenantId: string, personKey: string): Promise<void> {
    await removeRow(this.table, keys.personalConversation(tenantId, personKey));
  }

  async claimWelcome(tenantId: string, conversationId: string): Promise<boolean> {
    return (await insertRow(this.table, { ...keys.welcomeMarker(tenantId, conversationId), at: new Date().toISOString() })) !== undefined;
  }

  private async read(key: { partitionKey: string; rowKey: string }): Promise<StoredConversation | undefined> {
    const entity = await getRow<ConversationEntity>(this.table, key);
    return entity ? (JSON.parse(entity.reference) as StoredConversation) : undefined;
  }
}
