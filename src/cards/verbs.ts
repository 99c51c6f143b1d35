/** Every Action.Execute verb and bot command VoiceLoop uses, in one place. */
export const VERBS = {
  showHelp: 'help.show',
  pollForm: 'poll.form',
  pollCreate: 'poll.create',
  pollVote: 'poll.vote',
  pollRefresh: 'poll.refresh',
  pollClose: 'poll.close'
} as const;
export type Verb = (typeof VERBS)[keyof typeof VERBS];

/** Text commands typed to the bot (also listed in appPackage/manifest.json). */
export const COMMANDS = {
  help: { text: 'help', description: 'Show what VoiceLoop can do' },
  poll: { text: 'poll', description: 'Create a quick poll' }
} as const;
