import type * as ACData from 'adaptivecards-templating';
import { VERBS } from './verbs';

/** An Adaptive Card as JSON, ready to attach to an activity or return from an invoke. */
export type AdaptiveCardJson = { type: 'AdaptiveCard'; version: string; [key: string]: unknown };

function dropEmpty(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null && v !== undefined).map(dropEmpty);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = dropEmpty(v);
    return out;
  }
  return value;
}

const parsedTemplates = new WeakMap<object, ACData.Template>();
/**
 * Loaded on the first card rendered (it takes about 0.2 s), not at import: a sender process restarted
 * mid-fan-out renders nothing before its first sends (the card travels in the job).
 */
let templating: typeof ACData | undefined;

/**
 * Expands a card template with a typed view model. The model is bound as data only: text a person
 * typed is never parsed as template source, whatever it contains.
 */
export function renderCard<M extends object>(template: object, model: M): AdaptiveCardJson {
  // Parsing a template costs far more than expanding it (about 25 times here): parse each once.
  let parsed = parsedTemplates.get(template);
  if (!parsed) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    templating ??= require('adaptivecards-templating') as typeof ACData;
    parsed = new templating.Template(template);
    parsedTemplates.set(template, parsed);
  }
  const expanded: unknown = parsed.expand({ $root: { ...model, verbs: VERBS } });
  const card = dropEmpty(expanded) as AdaptiveCardJson;
  if (card?.type !== 'AdaptiveCard') throw new Error('card template did not expand to an AdaptiveCard');
  return card;
}
