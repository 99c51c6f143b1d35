import template from './help.json';
import easyTemplate from './help-easy.json';
import { type AdaptiveCardJson, renderCard } from '../shared/render';
import { sentence, stripSymbol } from '../shared/text';
import { COMMANDS } from '../shared/verbs';
import { SAFETY_PROMISE } from '../safeguarding/safety-promise';

export interface HelpCardModel {
  title: string;
  intro: string;
  loop: string;
  easyNote: string;
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

/** Staff learn here that young people see another card, and how to see it themselves. */
const EASY_NOTE =
  'Young people in a session, and anyone whose preferences ask for easy read or symbols, get an easy-read help card instead. ' +
  'Type **help easy** to see it.';

type CommandKey = keyof typeof COMMANDS;

/** Every command, once, in the group where a newcomer would look for it. */
export const HELP_GROUPS: { heading: string; keys: CommandKey[] }[] = [
  { heading: '🔁 Closing the loop and digests', keys: ['findings', 'findingsPublish', 'digest', 'digestSubscribe', 'auditParticipation', 'report', 'reportSubscribe'] },
  { heading: '💬 The loop both ways and Tell us', keys: ['tellUs', 'findingsReactions', 'findingsPrint', 'tellUsAreas', 'easyreadCheck'] },
  { heading: '📊 Polls and surveys', keys: ['poll', 'pollRepeat', 'pollTrend', 'surveyNew', 'surveys', 'surveySend', 'scheduled', 'surveyRepeat', 'surveyTrend', 'surveyWaiting', 'surveyExport', 'preferences'] },
  { heading: '🎥 Sessions in a meeting or group chat', keys: ['sessionStart', 'next', 'sessionEnd'] },
  { heading: '📋 Plans and the working group', keys: ['planNew', 'plans', 'workingGroupSetup', 'auditExport', 'engagementGate', 'ladder'] },
  { heading: '🛡️ Safeguarding and privacy', keys: ['safeguardingLead', 'safeguardingDeputy', 'safeguardingAlerts', 'deliverySettings', 'privacyRetention', 'privacyErase'] },
  { heading: '🙋 Groups young people join, and recognition', keys: ['groups', 'myVoice', 'certificate'] },
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
    easyNote: EASY_NOTE,
    groups,
    speak: `${title}. ${INTRO} ${LOOP.replaceAll('**', '')} ${EASY_NOTE.replaceAll('**', '')} You can type: ${commands.map((c) => c.text).join(', ')}.`
  });
}

/**
 * What a young person can do, in easy read (it passes the easy-read check, src/cards/shared/easy-read.ts):
 * no commands, no acronyms, a symbol on every line and button. Sent instead of the staff card to
 * whoever's preferences ask for easy read or symbols, to young people in a young people's session,
 * and to anyone who types "help easy" (src/domain/preferences/preferences.ts, `helpStyleFor`).
 */
export const EASY_HELP = {
  title: '❓ How VoiceLoop can help you',
  sections: [
    {
      heading: '✅ What you can do',
      lines: [
        '👋 VoiceLoop helps adults hear what you think.',
        '📋 You can answer surveys. A survey is a few questions on cards.',
        '🎥 You can take part in sessions. A session is a group answering questions together.',
        '🙅 You can skip any question. It is OK to stop at any time.',
        '🗣️ You can change how cards look for you. Press the button below, or type preferences.',
        '👀 You can look at your answers again. Press "Check my answers" at the end of a survey.',
        '🗑️ Do you want us to delete what we know about you? Tell the adult who asked you to take part.'
      ]
    },
    {
      heading: '🆘 If you are not safe',
      lines: [
        SAFETY_PROMISE.easyRead,
        '🧑‍🤝‍🧑 Talk to an adult you trust.',
        '📞 You can call Childline for free on 0800 1111. Any time, day or night.',
        '🚨 If you are in danger now, call 999.'
      ]
    },
    {
      heading: '🧑‍💼 For staff',
      lines: ['⌨️ Are you staff? Type help staff to see everything VoiceLoop does.']
    }
  ]
} as const;

/** The easy-read help card (EASY_HELP). */
export function easyHelpCard(): AdaptiveCardJson {
  const sections = EASY_HELP.sections.map((s) => ({ heading: s.heading, lines: s.lines.map((text) => ({ text })) }));
  const spoken = [EASY_HELP.title, ...EASY_HELP.sections.flatMap((s) => [s.heading, ...s.lines])].map((t) => sentence(stripSymbol(t)));
  return renderCard(easyTemplate, { title: EASY_HELP.title, sections, speak: spoken.join(' ') });
}
