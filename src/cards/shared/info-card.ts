import infoTemplate from './info.json';
import { type AdaptiveCardJson, renderCard } from './render';

/** A staff card of a title, a line, facts, preformatted text and buttons (plans, approvals, digests). */
export function infoCard(input: {
  title: string;
  text?: string;
  color?: 'Default' | 'Good' | 'Attention';
  facts?: { title: string; value: string }[];
  pre?: string;
  actions?: { title: string; verb: string; data: Record<string, string> }[];
}): AdaptiveCardJson {
  return renderCard(infoTemplate, {
    title: input.title,
    text: input.text ?? '',
    color: input.color ?? 'Default',
    facts: input.facts ?? [],
    pre: input.pre ?? '',
    actions: input.actions ?? [],
    speak: `${input.title}. ${input.text ?? ''}`.trim()
  });
}
