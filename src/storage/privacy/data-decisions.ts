/**
 * For every table: what it holds about people, what `privacy erase` does with it and what retention
 * does with it (docs/privacy.md has the same table). `Record<TableName, …>` makes a new table in
 * TABLES fail to compile until someone decides; test/unit/privacy.test.ts checks the docs list them all.
 */
import type { TableName } from '../shared/keys';

export interface DataDecision {
  holds: string;
  erase: string;
  retention: string;
}

export const DATA_DECISIONS: Record<TableName, DataDecision> = {
  polls: {
    holds: 'poll definitions (author), tallies, one vote row per voter (keyed hash; named polls also user id and name)',
    erase: 'vote rows of named polls deleted (the count stays in the tally); anonymous votes kept, never linked; polls they authored kept (staff work)',
    retention: 'not covered: a poll holds choices, not written answers'
  },
  conversations: {
    holds: '1:1 conversation references by person; chat/channel references; welcome markers',
    erase: '1:1 references of the person deleted, with the welcome marker of that chat',
    retention: 'kept while the app is installed (deleted when the bot is removed)'
  },
  dueitems: {
    holds: 'scheduled work; a digest subscription is keyed by the person',
    erase: 'their digest subscription deleted; other items name no person',
    retention: 'items are deleted when they run'
  },
  searchindex: {
    holds: 'titles of polls, surveys and plans, and their owner key',
    erase: 'kept: indexes staff work, which is kept',
    retention: 'not covered: titles, not answers'
  },
  drafts: {
    holds: 'a form between preview and send, by author (expires after a day)',
    erase: 'all their drafts deleted',
    retention: 'expire after a day'
  },
  surveys: {
    holds: 'definition (owner), tally shards, respondent rows (named: user id and name), answer rows (free text)',
    erase: 'respondent and answer rows of named and pseudonymous surveys deleted (counts stay); anonymous answers kept, never linked; surveys they own kept',
    retention: 'answer| and resp| rows deleted after the retention period; meta and tally| rows stay'
  },
  sessions: {
    holds:
      'virtual sessions: facilitator (staff), chat reference; per survey, one mark per supported answer (a random entry id and how it was given) ' +
      'and the number of others present without Teams per session: counts, never who (docs/groups.md)',
    erase: 'kept: staff work',
    retention: 'not covered: no answers (the supported marks and others counts are counts, kept like the tally)'
  },
  attendance: {
    holds: 'who took part in a survey (person key, user id, name), never what they said',
    erase: 'their rows deleted in every survey',
    retention: 'kept: close the loop ("You said, we did") tells exactly these people what changed'
  },
  preferences: {
    holds: 'communication needs of a person',
    erase: 'deleted',
    retention: 'kept while useful to the person'
  },
  tenantsettings: {
    holds: 'tenant settings, including the safeguarding lead and deputy leads (person key, user id, name), the out-of-hours number and the retention period',
    erase: 'the safeguarding lead or deputy role is cleared if it is theirs',
    retention: 'not covered'
  },
  exportlinks: {
    holds: 'download links (hash of the token), survey, owner key, expiry (15 minutes)',
    erase: 'links they made deleted',
    retention: 'links of the survey deleted with its answers'
  },
  deliveries: {
    holds: 'delivery jobs (author) and one record per recipient and round (person key, user id, name, status)',
    erase: 'records naming them deleted in every job',
    retention: 'the survey\'s records deleted with its answers (the job row, which names no recipient, stays)'
  },
  fatigue: {
    holds: 'recent survey requests per person',
    erase: 'deleted',
    retention: 'entries older than the fatigue window are dropped as it moves'
  },
  groups: {
    holds: 'saved groups and their members (person key, user id, name); groups people chose to join and their members (also how each joined), participation officers, Young Commissioners\' reviews (keyed hash, choice, comment) (docs/groups.md)',
    erase: 'their memberships of both kinds deleted; officer rows kept (staff role); reviews kept, never linked (keyed hash, like anonymous votes)',
    retention: 'not covered: kept until the group is removed or the person leaves; review comments are not yet covered (docs/groups.md, Left to do)'
  },
  sealedidentities: {
    holds: 'who wrote a safeguarding-flagged anonymous answer (read only by the alert)',
    erase: 'kept: part of the safeguarding record; not disclosed (whether any exist) to the admin',
    retention: 'deleted with the survey\'s answers (the lead\'s alert card and the council\'s case system hold the record)'
  },
  safeguarding: {
    holds:
      'one row per alert: survey, question, hashed response key, categories, time, state, who acknowledged it and when (staff), escalation; ' +
      "the answer's words and, for named surveys, the respondent's name (anonymous: never here, see sealedidentities), for the lead's and deputies' cards",
    erase: 'kept: part of the safeguarding record; not disclosed (whether any exist) to the admin',
    retention: "the words and the respondent's name are deleted with the survey's answers; the alert (time, categories, acknowledgement) stays as proof it was sent and dealt with"
  },
  plans: {
    holds: 'engagement plans (owner: staff)',
    erase: 'kept: the council\'s record of decisions',
    retention: 'not covered'
  },
  approvals: {
    holds: 'working groups (members: staff), approval rounds with decisions, reminder send markers',
    erase: 'kept: the council\'s record of decisions; the chair changes members with "workinggroup setup"',
    retention: 'not covered'
  },
  audit: {
    holds: 'append-only trail of who did what (staff actions)',
    erase: 'kept (append-only); the erase itself is appended with counts and a keyed hash, never the person',
    retention: 'not covered'
  },
  findings: {
    holds: '"You said, we did" (a quote only if the owner chose one) and per-person send markers',
    erase: 'their send markers deleted; findings kept (published output)',
    retention: 'kept: findings are the published output; a quote the owner chose stays until the owner removes it'
  },
  aggregates: {
    holds: 'tenant digest counters: numbers only',
    erase: 'kept: counts name nobody',
    retention: 'kept: counts name nobody'
  },
  loop: {
    holds: 'reactions, comment counts and "made things better" answers per "We did" under a keyed hash (never the person); Tell us service areas (staff owners); counts by day',
    erase: 'kept: a keyed hash per findings cannot be linked to the person; comment words are never stored (they go to the owner or the lead)',
    retention: 'not covered: choices and counts, not written answers'
  },
  privacy: {
    holds: '"answers deleted" marks per survey; erase requests (who asked, when, counts — never whom)',
    erase: 'kept: the record that erasure and retention happened',
    retention: 'kept: the record that retention happened'
  },
  reportlinks: {
    holds: 'report file requests (kind, period, working groups), the Teams ids of who asked, expiry; a mark per person and quarter once their quarterly report went',
    erase: 'kept: a request holds no content and expires within a day; the marks hold a person key only so a report is never sent twice',
    retention: 'not covered: no answers, only aggregate figures made again on each download'
  },
  series: {
    holds: 'recurring surveys: schedule, rounds (survey ids), the author and where rounds go (a saved group or a chat) — no answers; recurring polls: the question, options, schedule, round poll ids, the author and the chat — no votes',
    erase: 'kept: staff work; the rounds\' answers are erased with their surveys',
    retention: 'not covered: no answers (each round is a survey, kept to the survey retention)'
  },
  scheduledsends: {
    holds: 'survey sends scheduled for later: the survey, the time, the author and where it goes (a saved group or a chat) — no answers; polls to be posted later: the question, options, author and chat',
    erase: 'kept: staff work',
    retention: 'not covered: no answers'
  }
};
