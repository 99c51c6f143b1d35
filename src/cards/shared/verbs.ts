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
  planImpact: 'plan.impact',
  groupSave: 'group.save',
  approvalDecide: 'approval.decide',
  approvalRefresh: 'approval.refresh',
  // surveys, sessions and communication preferences (docs/surveys.md)
  surveyNew: 'survey.new',
  surveyCreate: 'survey.create',
  surveyEditor: 'survey.editor',
  surveyQuestionAdd: 'survey.question.add',
  surveyQuestionEdit: 'survey.question.edit',
  surveyQuestionSave: 'survey.question.save',
  surveyQuestionMove: 'survey.question.move',
  surveyQuestionRemove: 'survey.question.remove',
  surveyPreview: 'survey.preview',
  surveyPublish: 'survey.publish',
  surveyPlanChoose: 'survey.plan.choose',
  surveyPlanSet: 'survey.plan.set',
  surveyStart: 'survey.start',
  surveyShow: 'survey.show',
  surveyAnswer: 'survey.answer',
  surveyList: 'survey.list',
  surveyResults: 'survey.results',
  // who has not answered, and "Nudge the rest" (docs/recurrence.md)
  surveyWaiting: 'survey.waiting',
  surveyNudge: 'survey.nudge',
  // scheduled sends (docs/recurrence.md)
  scheduledConfirm: 'scheduled.confirm',
  scheduledShow: 'scheduled.show',
  scheduledChange: 'scheduled.change',
  scheduledCancel: 'scheduled.cancel',
  // polls posted later (docs/recurrence.md)
  pollScheduledShow: 'poll.scheduled.show',
  pollScheduledChange: 'poll.scheduled.change',
  pollScheduledCancel: 'poll.scheduled.cancel',
  pollWaiting: 'poll.waiting',
  pollNudge: 'poll.nudge',
  surveyExport: 'survey.export',
  surveyClose: 'survey.close',
  sessionBegin: 'session.begin',
  sessionReady: 'session.ready',
  sessionRefresh: 'session.refresh',
  sessionNext: 'session.next',
  sessionEnd: 'session.end',
  sessionOpen: 'session.open',
  preferencesSave: 'preferences.save',
  preferencesShow: 'preferences.show',
  // closing the loop: findings (docs/findings.md)
  findingsOpen: 'findings.open',
  findingsYouSaid: 'findings.yousaid',
  findingsWeDid: 'findings.wedid',
  findingsStatus: 'findings.status',
  findingsRemove: 'findings.remove',
  findingsNextUpdate: 'findings.nextupdate',
  findingsSubmit: 'findings.submit',
  findingsPublish: 'findings.publish',
  findingsDelete: 'findings.delete',
  // the two-way loop and Tell us (docs/two-way-loop.md)
  loopReact: 'loop.react',
  loopMore: 'loop.more',
  loopBetter: 'loop.better',
  loopFigures: 'loop.figures',
  tellUsShow: 'tellus.show',
  tellUsSend: 'tellus.send',
  tellUsAreaRemove: 'tellus.area.remove',
  // delivery settings and safeguarding alerts (docs/delivery.md)
  deliverySettingsSave: 'delivery.settings.save',
  safeguardingAcknowledge: 'safeguarding.acknowledge',
  safeguardingAlertShow: 'safeguarding.alert.show',
  // retention and erasure (docs/privacy.md)
  privacyEraseConfirm: 'privacy.erase.confirm',
  privacyEraseCancel: 'privacy.erase.cancel',
  // groups young people choose to join, recognition and reviews (docs/groups.md)
  groupsOffer: 'groups.offer',
  groupsJoin: 'groups.join',
  groupsLeave: 'groups.leave',
  groupsShow: 'groups.show',
  groupsMemberRemove: 'groups.member.remove',
  groupsMyVoice: 'groups.myvoice',
  groupsReview: 'groups.review',
  groupsReviewSend: 'groups.review.send',
  groupsReviewResults: 'groups.review.results',
  // audit and board report files (docs/audit-and-report.md)
  reportFiles: 'report.files'
} as const;
export type Verb = (typeof VERBS)[keyof typeof VERBS];

/** Text commands typed to the bot (also listed in appPackage/manifest.json). */
export const COMMANDS = {
  help: { text: 'help', description: 'Show what VoiceLoop can do' },
  poll: { text: 'poll', description: 'Create a quick poll' },
  planNew: { text: 'plan new', description: 'Plan an engagement activity for the working group to approve' },
  plans: { text: 'plans', description: 'Your plans, and plans waiting for your decision' },
  workingGroupSetup: { text: 'workinggroup setup', description: 'Set up this team\'s working group (in its channel)' },
  auditExport: { text: 'audit export', description: 'The working group\'s audit trail as CSV (chair only)' },
  surveyNew: { text: 'survey new', description: 'Make an accessible survey from a template' },
  surveys: { text: 'surveys', description: 'Your surveys, their state and responses' },
  sessionStart: { text: 'session start', description: 'Run a survey live in this meeting or group chat' },
  next: { text: 'next', description: 'Move everyone in the session to the next question' },
  sessionEnd: { text: 'session end', description: 'End the session and thank everyone' },
  surveyExport: { text: 'survey export', description: 'Download the responses to your survey as CSV' },
  preferences: { text: 'preferences', description: 'How you like to take part (easy read, symbols, BSL…)' },
  // 1:1 delivery and safeguarding (docs/delivery.md)
  surveySend: { text: 'survey send', description: 'Send your open survey 1:1 to everyone in this team or chat' },
  safeguardingLead: { text: 'safeguarding lead', description: 'Who gets safeguarding alerts ("safeguarding lead me" to take the role)' },
  safeguardingDeputy: { text: 'safeguarding deputy', description: 'Deputy leads: unacknowledged alerts go to them ("safeguarding deputy me", "… remove", "… clear")' },
  safeguardingAlerts: { text: 'safeguarding alerts', description: 'The lead and deputies: open alerts, and those dealt with lately (1:1 only)' },
  engagementGate: { text: 'engagement gate', description: 'Whether young people\'s and parent carers\' surveys need an approved plan (admins: "engagement gate off" / "… on")' },
  ladder: { text: 'ladder', description: 'The council\'s ladder of co-production (admins: "ladder west sussex", "ladder bury" or "ladder tlap")' },
  deliverySettings: { text: 'delivery settings', description: 'When people may be messaged, the fatigue cap, reminders, alert times and concern phrases (admins change them)' },
  // closing the loop (docs/findings.md)
  findings: { text: 'findings', description: 'Record "You said, we did" for one of your surveys' },
  findingsPublish: { text: 'findings publish', description: 'Publish findings here and tell everyone who took part' },
  digest: { text: 'digest', description: 'What is live, waiting and changed, for managers' },
  digestSubscribe: { text: 'digest subscribe', description: 'Get the digest every week (e.g. "digest subscribe monday 09:00")' },
  auditParticipation: { text: 'audit participation', description: 'The participation audit per service area, with CSV (e.g. "audit participation 2025-04-01 2026-03-31")' },
  // the two-way loop and Tell us (docs/two-way-loop.md)
  tellUs: { text: 'tell us', description: 'Anyone: tell the council what you think, any time (easy read)' },
  findingsReactions: { text: 'findings reactions', description: 'What people said back about each "We did" (owner; the working group in its channel)' },
  findingsPrint: { text: 'findings print', description: 'A printable easy-read page of your published findings, for people who took part without Teams' },
  tellUsAreas: { text: 'tell us areas', description: 'Admins: the service areas for Tell us and who hears views about each ("tell us area add Short breaks @name")' },
  easyreadCheck: { text: 'easyread check', description: 'Check your text against the easy-read rules and get an easy-read card version (1:1)' },
  report: { text: 'report', description: 'The board report for a period: a summary card and the full report to print (e.g. "report 2026-04-01 2026-06-30")' },
  reportSubscribe: { text: 'report subscribe', description: 'Get the board report 1:1 at the start of every quarter ("report stop" to stop)' },
  // retention and erasure (docs/privacy.md); not in the manifest's command lists (Teams allows 10 per scope)
  privacyRetention: { text: 'privacy retention', description: 'How long survey answers are kept after closing (admins: "privacy retention 365")' },
  privacyErase: { text: 'privacy erase', description: 'Admins: erase what VoiceLoop holds about a person ("privacy erase @name"), 1:1 only' },
  // groups young people choose to join and recognition (docs/groups.md); not in the manifest's command lists
  groups: { text: 'groups', description: 'Groups young people can join (officers: "group new <name>", "group <id>", "group <id> add @name")' },
  myVoice: { text: 'my voice', description: 'What you took part in, and what changed because of it' },
  certificate: { text: 'certificate', description: 'Officers: send someone an easy-read thank-you certificate ("certificate @name")' },
  // recurring surveys (docs/recurrence.md); not in the manifest's command lists
  surveyRepeat: { text: 'survey repeat', description: 'Ask your open survey again every week, month or session ("survey repeat weekly tuesday 16:00"; "… pause", "… resume", "… stop")' },
  surveyTrend: { text: 'survey trend', description: 'How the answers to your recurring survey change, round by round' },
  scheduled: { text: 'scheduled', description: 'Your survey sends scheduled for later ("survey send at friday 16:00"): change or cancel them' },
  pollRepeat: { text: 'poll repeat', description: 'How your recurring poll stands ("Repeat" on the poll form); "… pause", "… resume", "… stop", or a new schedule' },
  pollTrend: { text: 'poll trend', description: 'How the votes in your recurring poll change, round by round' },
  surveyWaiting: { text: 'survey waiting', description: 'Who has not answered your staff survey yet, and "Nudge the rest" (others: the response rate)' }
} as const;

/** Messaging extension command ids (also in appPackage/manifest.json composeExtensions). */
export const MESSAGE_EXTENSION_COMMANDS = {
  search: 'search',
  createPoll: 'createPoll',
  createSurvey: 'createSurvey',
  addToFindings: 'addToFindings'
} as const;
