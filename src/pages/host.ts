/**
 * What both meeting pages share (docs/meetings.md): finding the host (Teams, or a plain browser in local
 * mode), the theme, the SSO token, the meeting scope, and calls to /api/meeting/*.
 */
import { app, authentication } from '@microsoft/teams-js';

export interface Scope {
  tenant: string;
  chat: string;
  meeting?: string;
  /** Local mode: answer as this person instead of the one running the session. */
  as?: string;
}

export interface Host {
  inTeams: boolean;
  scope?: Scope;
  /** Why there is no scope yet (local mode with no session running). */
  waiting?: string;
  token(): Promise<string | undefined>;
  frameContext?: string;
}

type Theme = 'default' | 'dark' | 'contrast';

export function applyTheme(theme: string | undefined): void {
  const known: Theme = theme === 'dark' ? 'dark' : theme === 'contrast' ? 'contrast' : 'default';
  document.documentElement.dataset.theme = known;
}

const timeout = <T>(ms: number, promise: Promise<T>): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms))]);

/** Teams when the page is framed by a Teams host that answers; otherwise local mode. */
export async function findHost(): Promise<Host> {
  const params = new URLSearchParams(location.search);
  if (window.parent !== window) {
    try {
      await timeout(3_000, app.initialize());
      const context = await app.getContext();
      applyTheme(context.app.theme);
      app.registerOnThemeChangeHandler(applyTheme);
      const tenant = context.user?.tenant?.id;
      const chat = context.chat?.id;
      return {
        inTeams: true,
        frameContext: context.page.frameContext,
        scope: tenant && chat ? { tenant, chat, meeting: context.meeting?.id } : undefined,
        waiting: tenant && chat ? undefined : '💬 Open VoiceLoop from a meeting.',
        token: () => authentication.getAuthToken()
      };
    } catch {
      // Framed, but not by Teams: carry on as a local page.
    }
  }
  if (params.get('theme')) applyTheme(params.get('theme') ?? undefined);
  else applyTheme(window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'default');
  const config = (await (await fetch('/api/meeting/config')).json()) as { auth: { kind: string } };
  if (config.auth.kind !== 'local') return { inTeams: false, waiting: '🔒 Open this page in Microsoft Teams.', token: async () => undefined };
  const local = (await (await fetch('/api/meeting/local')).json()) as { session: { tenantId: string; conversationId: string } | null };
  const as = params.get('as') ?? undefined;
  return {
    inTeams: false,
    scope: local.session ? { tenant: local.session.tenantId, chat: local.session.conversationId, as } : undefined,
    waiting: local.session ? undefined : '⏳ No session yet. Type "session start" in the group chat.',
    token: async () => undefined
  };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string
  ) {
    super(message);
  }
}

/** A call to the meeting API, with the SSO token in Teams. */
export async function api<T>(host: Host, method: 'GET' | 'POST', path: string, extra: Record<string, string | boolean | number | undefined> = {}): Promise<T> {
  const scope = host.scope!;
  const params: Record<string, string | boolean | number> = { tenant: scope.tenant, chat: scope.chat };
  if (scope.meeting) params.meeting = scope.meeting;
  if (scope.as) params.as = scope.as;
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) params[key] = value;
  const headers: Record<string, string> = {};
  const token = await host.token();
  if (token) headers.authorization = `Bearer ${token}`;
  let url = `/api/meeting/${path}`;
  let body: string | undefined;
  if (method === 'GET') url += `?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`;
  else {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(params);
  }
  const response = await fetch(url, { method, headers, body });
  const json = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new ApiError(response.status, json.error ?? 'Sorry, something went wrong.');
  return json;
}

/** Builds an element with text (never HTML: what people wrote is data). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<string, string>> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) if (value !== undefined) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Reads text aloud with a British English voice, as the chat card's `speak` would be read. */
export function readAloud(text: string): void {
  const synth = window.speechSynthesis;
  if (!synth) return;
  synth.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = 'en-GB';
  const voice = synth.getVoices().find((v) => v.lang === 'en-GB') ?? synth.getVoices().find((v) => v.lang.startsWith('en'));
  if (voice) utterance.voice = voice;
  utterance.rate = 0.9;
  synth.speak(utterance);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
