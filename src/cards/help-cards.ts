import template from './templates/help.json';
import noticeTemplate from './templates/notice.json';
import { type AdaptiveCardJson, renderCard } from './render';
import { COMMANDS } from './verbs';

export interface HelpCardModel {
  title: string;
  intro: string;
  loop: string;
  speak: string;
  groups: { heading: string; commands: { text: string; description: string }[] }[];
}

const INTRO =
  'VoiceLoop helps you hear the views of children and young people with SEND, their families and staff. ' +
  'It runs polls and surveys in Teams and shows people how their views changed things.';

/**
 * Said outright because `findings` and `digest` are not in the Teams command menu (10 commands per
 * scope, all used): people learn them here.
 */
const LOOP =
  'After a survey or session, type **findings** to record "You said, we did" and tell everyone who took part. ' +
  'Managers type **digest** to see what is live, waiting and changed.';

type CommandKey = keyof typeof COMMANDS;

/** Every command, once, in the group where a newcomer would look for it. */
export const HELP_GROUPS: { heading: string; keys: CommandKey[] }[] = [
  { heading: '🔁 Closing the loop and digests', keys: ['findings', 'findingsPublish', 'digest', 'digestSubscribe', 'auditParticipation'] },
  { heading: '📊 Polls and surveys', keys: ['poll', 'surveyNew', 'surveys', 'surveySend', 'surveyExport', 'preferences'] },
  { heading: '🎥 Sessions in a meeting or group chat', keys: ['sessionStart', 'next', 'sessionEnd'] },
  { heading: '📋 Plans and the working group', keys: ['planNew', 'plans', 'workingGroupSetup', 'auditExport'] },
  { heading: '🛡️ Safeguarding and privacy', keys: ['safeguardingLead', 'safeguardingDeputy', 'safeguardingAlerts', 'deliverySettings', 'privacyRetention', 'privacyErase'] },
  { heading: '❓ Help', keys: ['help'] }
];

/** The card sent when VoiceLoop is installed (welcome) or when someone types "help". */
export function helpCard(kind: 'welcome' | 'help'): AdaptiveCardJson {
  const title = kind === 'welcome' ? 'Welcome to VoiceLoop' : 'What VoiceLoop can do';
  const groups = HELP_GROUPS.map((g) => ({ heading: g.heading, commands: g.keys.map((k) => ({ text: COMMANDS[k].text, description: COMMANDS[k].description })) }));
  const commands = groups.flatMap((g) => g.commands);
  return renderCard<HelpCardModel>(template, {
    title,
    intro: INTRO,
    loop: LOOP,
    groups,
    speak: `${title}. ${INTRO} ${LOOP.replaceAll('**', '')} You can type: ${commands.map((c) => c.text).join(', ')}.`
  });
}

/** A short message card: confirmations and explanations of what went wrong. */
export function noticeCard(title: string, text: string, tone: 'default' | 'attention' | 'good' = 'default'): AdaptiveCardJson {
  const color = tone === 'attention' ? 'Attention' : tone === 'good' ? 'Good' : 'Default';
  return renderCard(noticeTemplate, { title, text, color });
}
