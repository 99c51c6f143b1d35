import noticeTemplate from './notice.json';
import { type AdaptiveCardJson, renderCard } from './render';

/** A short message card: confirmations and explanations of what went wrong (every feature). */
export function noticeCard(title: string, text: string, tone: 'default' | 'attention' | 'good' = 'default'): AdaptiveCardJson {
  const color = tone === 'attention' ? 'Attention' : tone === 'good' ? 'Good' : 'Default';
  return renderCard(noticeTemplate, { title, text, color });
}
