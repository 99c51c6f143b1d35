/**
 * A card of short lines, each starting with a symbol, with buttons: large text when easy read is asked
 * for. Surveys, sessions and findings send it to young people (it passes the easy-read check,
 * src/cards/shared/easy-read.ts, when its words do).
 */
import infoTemplate from './easy-info.json';
import { type AdaptiveCardJson, renderCard } from './render';
import { sentence, stripSymbol } from './text';

/** The text sizes of an easy-read card, or of a standard one. */
export const sizes = (easyRead: boolean) => ({ largeSize: easyRead ? 'ExtraLarge' : 'Large', smallSize: easyRead ? 'Medium' : 'Default' });

export interface InfoButton {
  kind: 'execute' | 'link';
  title: string;
  verb: string;
  url: string;
  style: 'default' | 'positive';
  data: Record<string, string>;
}

/** An Action.Execute button. */
export const execute = (title: string, verb: string, data: Record<string, string>, style: 'default' | 'positive' = 'default'): InfoButton => ({
  kind: 'execute',
  title,
  verb,
  url: '',
  style,
  data
});

export interface EasyInfoModel {
  title: string;
  lines: { text: string; color: string }[];
  facts?: { title: string; value: string }[];
  buttons: InfoButton[];
  easyRead: boolean;
  refresh?: { verb: string; data: Record<string, string>; userIds: string[] };
}

export function easyInfoCard(model: EasyInfoModel): AdaptiveCardJson {
  return renderCard(infoTemplate, {
    ...sizes(model.easyRead),
    title: model.title,
    lines: model.lines,
    facts: model.facts ?? [],
    buttons: model.buttons,
    refresh: model.refresh !== undefined,
    refreshVerb: model.refresh?.verb ?? '',
    refreshData: model.refresh?.data ?? {},
    refreshUserIds: model.refresh?.userIds ?? [],
    speak: [stripSymbol(model.title), ...model.lines.map((l) => stripSymbol(l.text))].map(sentence).join(' ')
  });
}

export const line = (text: string, color = 'Default') => ({ text, color });
