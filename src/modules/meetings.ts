/**
 * Wires virtual sessions inside the Teams meeting (docs/meetings.md): the meeting session service over
 * the sessions' repository and the survey service, Teams through the Bot Connector (roles, members,
 * prompts, the chat's card), sign-in (Teams SSO, or the local user in local mode), and the pages' API.
 */
import path from 'node:path';
import { type PanelPage, type StagePage, panelEndPage, panelPage, stagePage } from '../cards/meetings/meeting-page';
import { type MeetingScope, type MeetingViewer, MeetingSessionService, type SessionSummary } from '../domain/meetings/meeting-service';
import { personKey } from '../domain/shared/conversation';
import { DomainError } from '../domain/shared/errors';
import { type SafeguardingService, surveyAnswerToScreen } from '../domain/safeguarding/safeguarding-service';
import type { SessionService } from '../domain/sessions/session-service';
import type { SurveyService } from '../domain/surveys/survey-service';
import type { MeetingCaller, MeetingHttpApi } from '../http/meeting-routes';
import { SsoVerifier } from '../http/sso';
import { TableSessionRepository } from '../storage/sessions/session-repository';
import { TABLES } from '../storage/shared/keys';
import { TeamsMeetingGateway } from '../teams/meetings/meeting-gateway';
import type { Shared } from './shared';

/** Where `npm run build:pages` writes the pages' bundle and HTML: dist/pages, from src/ (tsx) or from dist/src/ (built). */
const ROOT = path.resolve(__dirname, '../..');
export const PAGES_DIR = path.basename(ROOT) === 'dist' ? path.join(ROOT, 'pages') : path.join(ROOT, 'dist', 'pages');

const LOCAL_USER = /^[\p{L}\p{N} ._-]{1,40}$/u;

export function createMeetings(shared: Shared, deps: { surveys: SurveyService; sessions: SessionService; safeguarding?: SafeguardingService }) {
  const { config, log, clock } = shared;
  const repository = new TableSessionRepository(shared.tables.client(TABLES.sessions));
  const gateway = new TeamsMeetingGateway(shared.proactive, log);
  // Without bot credentials (local mode) Teams is not there to ask: no roles, members or prompts.
  const teams = config.mode === 'production' || config.sso ? gateway : undefined;
  const service = new MeetingSessionService({
    sessions: repository,
    surveys: deps.surveys,
    clock,
    gateway: teams,
    refreshChat: (state) => gateway.refreshChat(state),
    screen: deps.safeguarding ? screenWith(deps.safeguarding, deps.surveys, shared) : undefined,
    panelUrl: `${config.publicUrl}/meeting/panel`,
    warn: (message, detail) => log.warn(detail, message)
  });
  const sso = config.sso ? new SsoVerifier(config.sso) : undefined;
  const local = config.mode === 'local' && !sso;

  const scopeOf = (caller: MeetingCaller): MeetingScope => ({ tenantId: caller.tenantId, conversationId: caller.conversationId, meetingId: caller.meetingId });

  /** The caller: a verified Teams SSO token, or (local mode only) the local user. */
  const viewerOf = async (caller: MeetingCaller, fresh = false): Promise<MeetingViewer> => {
    const scope = scopeOf(caller);
    if (sso) return service.viewer(await sso.verifyHeader(caller.authorization), scope, fresh, caller.sessionId);
    if (!local) throw new DomainError('unsupported', 'Sign-in for the meeting pages is not set up (SSO_CLIENT_ID).');
    if (caller.localUser !== undefined && !LOCAL_USER.test(caller.localUser)) throw new DomainError('invalid_input', 'The local user name is not valid.');
    return service.localViewer(scope, caller.localUser ? { key: `local-${caller.localUser.toLowerCase().replace(/\s+/g, '-')}`, name: caller.localUser } : undefined);
  };

  const panel = async (caller: MeetingCaller, viewer?: MeetingViewer): Promise<PanelPage> => {
    const who = viewer ?? (await viewerOf(caller));
    const state = await service.panel(who, scopeOf(caller));
    // The session this page was in has ended: its thank-you, once.
    if (state.summary.phase === 'none' && caller.sessionId) {
      const ended = await deps.sessions.get(caller.tenantId, caller.sessionId).catch(() => undefined);
      if (ended && ended.session.conversation.conversationId === caller.conversationId) {
        return panelEndPage({ survey: ended.survey, revision: `ended:${ended.session.sessionId}`, role: who.role });
      }
    }
    return panelPage(state);
  };

  const api: MeetingHttpApi = {
    auth: sso ? { kind: 'sso', clientId: config.sso!.clientId, resource: config.sso!.resource } : { kind: local ? 'local' : 'off' },
    pagesDir: PAGES_DIR,
    async summary(caller): Promise<SessionSummary> {
      await viewerOf(caller);
      return service.summary(caller.tenantId, caller.conversationId);
    },
    panel: (caller) => panel(caller),
    async stage(caller): Promise<StagePage> {
      await viewerOf(caller);
      return stagePage(await service.stage(scopeOf(caller)));
    },
    async answer(caller, body): Promise<PanelPage> {
      const viewer = await viewerOf(caller);
      await service.answer(viewer, scopeOf(caller), body);
      return panel(caller, viewer);
    },
    async act(caller, body): Promise<PanelPage> {
      // A role is asked of Teams afresh for every action: a presenter made an attendee a moment ago cannot.
      const viewer = await viewerOf(caller, true);
      await service.act(viewer, scopeOf(caller), body.action, body.sessionId);
      return panel(caller, viewer);
    },
    async local() {
      if (!local) return undefined;
      const session = await repository.newestOpen();
      return session && { tenantId: session.tenantId, conversationId: session.conversation.conversationId };
    }
  };
  return { service, gateway, api };
}

/** Screens a written answer from the panel as the chat's screener does: the lead is alerted, the easy-read reply goes 1:1. */
function screenWith(safeguarding: SafeguardingService, surveys: SurveyService, shared: Shared) {
  return async (...[survey, question, answer, actor]: Parameters<NonNullable<ConstructorParameters<typeof MeetingSessionService>[0]['screen']>>) => {
    if (answer.kind !== 'text') return;
    const result = await safeguarding.screenAnswer(surveyAnswerToScreen(survey, question, answer.text, actor, surveys.respondentKey(survey, actor)));
    if (!result.reply) return;
    try {
      await shared.proactive.sendToPerson(survey.tenantId, personKey(actor), result.reply);
    } catch (error) {
      shared.log.error({ tenantId: survey.tenantId, surveyId: survey.surveyId, err: String(error) }, 'safeguarding: the easy-read reply could not be sent');
    }
  };
}
