/**
 * Finding VoiceLoop items (polls now; surveys, plans and summaries as they are added) by words in
 * their title or purpose, for the messaging extension. Each kind of item decides who may see it.
 */
import { type Actor, personKey } from '../shared/conversation';

export type SearchKind = 'poll' | 'survey' | 'plan' | 'summary';

/** One searchable item as the index keeps it: enough to list it and to check who may see it. */
export interface SearchItem {
  tenantId: string;
  kind: SearchKind;
  id: string;
  title: string;
  subtitle: string;
  /** Person key of the owner. */
  ownerKey: string;
  /** The chat or channel it was posted in, when that makes it visible to the people there. */
  conversationId?: string;
  /** The team whose working group may see it (plans). */
  teamId?: string;
  createdAt: Date;
}

/**
 * Whether `viewer`, in `conversationId`, may open the item: each kind answers for itself. `memo` lives
 * for one search: a rule that reads something shared by many items (a plan's working group) reads it
 * once per search through {@link once}, not once per candidate.
 */
export type VisibilityRule = (item: SearchItem, viewer: Actor, conversationId: string | undefined, memo: SearchMemo) => Promise<boolean> | boolean;

export type SearchMemo = Map<string, Promise<unknown>>;

/** The value of `read()` for `key`, read at most once per search. */
export function once<T>(memo: SearchMemo, key: string, read: () => Promise<T>): Promise<T> {
  let value = memo.get(key) as Promise<T> | undefined;
  if (!value) memo.set(key, (value = read()));
  return value;
}

export const SEARCH_LIMITS = { maxQueryLength: 200, maxTermsPerItem: 40, candidates: 300, results: 25 } as const;

const STOP_WORDS = new Set(['a', 'an', 'and', 'are', 'for', 'how', 'in', 'is', 'of', 'on', 'or', 'the', 'to', 'we', 'what', 'you', 'your']);

/** Lower-case words of two or more letters or digits, accents folded, stop words dropped. */
export function searchTerms(text: string): string[] {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2 && !STOP_WORDS.has(w))
    .map((w) => w.slice(0, 40));
  return [...new Set(words)].slice(0, SEARCH_LIMITS.maxTermsPerItem);
}

/** Visible to its owner, and to people in the conversation it was posted in. */
export const ownerOrConversation: VisibilityRule = (item, viewer, conversationId) =>
  item.ownerKey === personKey(viewer) || (item.conversationId !== undefined && item.conversationId === conversationId);
