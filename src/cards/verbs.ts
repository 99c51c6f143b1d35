/** Every Action.Execute verb and bot command VoiceLoop uses, in one place. */
export const VERBS = {
  showHelp: 'help.show',
  pollForm: 'poll.form',
  pollCreate: 'poll.create',
  pollVote: 'poll.vote',
  pollRefresh: 'poll.refresh',
  pollClose: 'poll.close',
  // engagement plans, working groups and approvals (docs/approvals.md)
  planForm: 'plan.form',
  planSave: 'plan.save',
  planSubmit: 'plan.submit',
  planShow: 'plan.show',
  planEdit: 'plan.edit',
  planAct: 'plan.act',
  planFindings: 'plan.findings',
  planDelete: 'plan.delete',
  planList: 'plan.list',
  groupSave: 'group.save',
  approvalDecide: 'approval.decide',
  approvalRefresh: 'approval.refresh'
} as const;
export type Verb = (typeof VERBS)[keyof typeof VERBS];

/** Text commands typed to the bot (also listed in appPackage/manifest.json). */
export const COMMANDS = {
  help: { text: 'help', description: 'Show what VoiceLoop can do' },
  poll: { text: 'poll', description: 'Create a quick poll' },
  planNew: { text: 'plan new', description: 'Plan an engagement activity for the working group to approve' },
  plans: { text: 'plans', description: 'Your plans, and plans waiting for your decision' },
  workingGroupSetup: { text: 'workinggroup setup', description: 'Set up this team\'s working group (in its channel)' },
  auditExport: { text: 'audit export', description: 'The working group\'s audit trail as CSV (chair only)' }
} as const;

/** Messaging extension command ids (also in appPackage/manifest.json composeExtensions). */
export const MESSAGE_EXTENSION_COMMANDS = {
  search: 'search',
  createPoll: 'createPoll'
} as const;
