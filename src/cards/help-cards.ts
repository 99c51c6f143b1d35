import template from './templates/help.json';
import noticeTemplate from './templates/notice.json';
import { type AdaptiveCardJson, renderCard } from './render';
import { COMMANDS } from './verbs';

export interface HelpCardModel {
  title: string;
  intro: string;
  speak: string;
  commands: { text: string; description: string }[];
}

const INTRO =
  'VoiceLoop helps you hear the views of children and young people with SEND, their families and staff. ' +
  'It runs polls and surveys in Teams and shows people how their views changed things.';

/** The card sent when VoiceLoop is installed (welcome) or when someone types "help". */
export function helpCard(kind: 'welcome' | 'help'): AdaptiveCardJson {
  const title = kind === 'welcome' ? 'Welcome to VoiceLoop' : 'What VoiceLoop can do';
  const commands = Object.values(COMMANDS).map((c) => ({ text: c.text, description: c.description }));
  return renderCard<HelpCardModel>(template, {
    title,
    intro: INTRO,
    commands,
    speak: `${title}. ${INTRO} You can type: ${commands.map((c) => c.text).join(', ')}.`
  });
}

/** A short message card: confirmations and explanations of what went wrong. */
export function noticeCard(title: string, text: string, tone: 'default' | 'attention' | 'good' = 'default'): AdaptiveCardJson {
  const color = tone === 'attention' ? 'Attention' : tone === 'good' ? 'Good' : 'Default';
  return renderCard(noticeTemplate, { title, text, color });
}
