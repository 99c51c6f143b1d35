import type { TableClient } from '@azure/data-tables';
import type { StoredConversation } from '../../domain/shared/conversation';
import type { ConversationRepository } from '../../domain/shared/ports';
import { getOrUndefined, isNotFound, storageStatus } from './errors';
import { keys } from './keys';

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
    await this.remove(keys.sharedConversation(tenantId, conversationId));
    await this.remove(keys.welcomeMarker(tenantId, conversationId));
  }

  removePersonal(tenantId: string, personKey: string): Promise<void> {
    return this.remove(keys.personalConversation(tenantId, personKey));
  }

  async claimWelcome(tenantId: string, conversationId: string): Promise<boolean> {
    try {
      await this.table.createEntity({ ...keys.welcomeMarker(tenantId, conversationId), at: new Date().toISOString() });
      return true;
    } catch (error) {
      if (storageStatus(error) === 409) return false;
      throw error;
    }
  }

  private async read(key: { partitionKey: string; rowKey: string }): Promise<StoredConversation | undefined> {
    const entity = await getOrUndefined(() => this.table.getEntity<ConversationEntity>(key.partitionKey, key.rowKey));
    return entity ? (JSON.parse(entity.reference) as StoredConversation) : undefined;
  }

  private async remove(key: { partitionKey: string; rowKey: string }): Promise<void> {
    try {
      await this.table.deleteEntity(key.partitionKey, key.rowKey);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
}
