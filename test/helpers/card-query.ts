/** Finding things inside Adaptive Cards in tests: elements, visible text, action titles. */
import type { JsonObject } from './card-validator';

/** Every element of a card's body and actions (recursively), to find inputs, text and actions. */
export function cardElements(card: JsonObject): JsonObject[] {
  const out: JsonObject[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const obj = node as JsonObject;
      if (typeof obj.type === 'string') out.push(obj);
      for (const value of Object.values(obj)) if (typeof value === 'object') visit(value);
    }
  };
  visit(card.body);
  visit(card.actions);
  return out;
}

/** The text a person reads: TextBlocks, and FactSet facts as "title: value", one per line. */
export function cardText(card: JsonObject): string {
  return cardElements(card)
    .flatMap((e) =>
      e.type === 'TextBlock' ? [String(e.text)] : e.type === 'FactSet' ? (e.facts as { title: string; value: string }[]).map((f) => `${f.title}: ${f.value}`) : []
    )
    .join('\n');
}

/** Titles of the Action.Execute buttons, in order. */
export const cardActionTitles = (card: JsonObject): string[] =>
  cardElements(card)
    .filter((e) => e.type === 'Action.Execute')
    .map((e) => String(e.title));
