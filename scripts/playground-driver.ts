/**
 * Drives the Microsoft 365 Agents Playground (`agentsplayground`, tested with 0.2.28) from
 * headless Chromium through playwright-core, for end-to-end checks of the bot as Teams shows it.
 *
 * Start the bot and the playground first, e.g.
 *   TEAMSAPPTESTER_BROWSER=none npx agentsplayground -e http://127.0.0.1:3978/api/messages -c msteams
 * then:
 *   const pg = await openPlayground();
 *   await pg.send('hello');
 *   await pg.chooseInCard('Your answer', 'No');
 *   const status = await pg.clickCardButton('Vote'); // "Your response was sent to the app", or the error message
 *   await pg.close();
 *
 * Everything here was checked against the real playground 0.2.28 in headless Chromium. Facts the
 * methods rely on:
 * - The playground has no data-testids. Bot messages in chats are `.fai-OutputCard`; every bot
 *   message (chat and channel) carries an avatar `[role=img][aria-label=<bot name>]`; Adaptive Cards
 *   are rendered by the adaptivecards JS renderer (`.ac-adaptiveCard`); the compose box is a Lexical
 *   editor (`[data-lexical-editor=true]`, role textbox).
 * - In a group chat or a channel the bot only receives a message that @mentions it (as in Teams);
 *   `send` inserts that mention through the "@" typeahead by default there.
 * - Channels show threads newest first; a thread's replies are oldest first.
 * - The acting user for typed messages is always the config file's `currentUser`; there is no user
 *   switcher in the UI. Only the invoke endpoint honours another `from.id` (see `actAsForCardActions`).
 * - Action.Execute results are shown in a banner under the card ("Your response was sent to the
 *   app", the `message` of an application/vnd.microsoft.error response, or the string of an
 *   application/vnd.microsoft.activity.message response). The banner stays until dismissed, and a
 *   failed call (bot down) leaves the old banner in place, so `clickCardButton` dismisses it first.
 */
import { chromium, type Browser, type Locator, type Page, type Route } from 'playwright-core';

export const DEFAULT_PLAYGROUND_URL = 'http://localhost:56150';
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
];

const EDITOR = '[data-lexical-editor="true"]';
const CARD_CLASS = 'contains(concat(" ", normalize-space(@class), " "), " ac-adaptiveCard ")';
/** Top-level Adaptive Cards only (an Action.ShowCard renders a nested `.ac-adaptiveCard`). */
const TOP_CARD = '.ac-adaptiveCard:not(.ac-adaptiveCard *)';
const DISMISS_STATUS = 'Dismiss Invoke Message';
/**
 * From a card, the nearest ancestor that holds an invoke banner and exactly one top-level card,
 * then that banner (the parent of its dismiss button).
 */
const STATUS_XPATH =
  'xpath=ancestor::*' +
  `[.//button[@aria-label="${DISMISS_STATUS}"]]` +
  `[count(.//*[${CARD_CLASS}][not(ancestor::*[${CARD_CLASS}])]) = 1][1]` +
  `//button[@aria-label="${DISMISS_STATUS}"]/..`;

export type ConversationKind = 'personal' | 'group' | 'channel';

/** The "Mock an Activity" menu entries that are enabled in the playground (in every conversation). */
export type MockActivity =
  | 'Install application'
  | 'Uninstall application'
  | 'Add user'
  | 'Add application'
  | 'Remove user'
  | 'Remove application';

export interface PlaygroundUser {
  id: string;
  name: string;
  aadObjectId: string;
}

export interface PlaygroundChannel {
  id: string;
  name: string;
}

/** What GET /_internal/v1/config reports (built-in defaults or `.m365agentsplayground.yml`). */
export interface PlaygroundConfig {
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
  personalChat: { id: string; name: string };
  groupChats: Array<{ id: string; name: string }>;
  teams: Array<{ id: string; name: string; channels: PlaygroundChannel[] }>;
  locale: string;
  localTimezone: string;
}

export interface OpenPlaygroundOptions {
  /** Default http://localhost:56150. */
  url?: string;
  /** Default /usr/bin/chromium (Debian's `chromium` package). */
  executablePath?: string;
  viewport?: { width: number; height: number };
  /** Default timeout of every wait and action, in ms. Default 15000. */
  timeoutMs?: number;
}

export interface SendOptions {
  /** Insert an @mention of the bot first. Default: false in the personal chat, true elsewhere. */
  mentionBot?: boolean;
  /** Wait until one more bot message is shown. Default true. */
  waitForReply?: boolean;
}

export interface CardActionOptions {
  /** The card to act on. Default `lastBotCard()`. */
  card?: Locator;
  /**
   * Wait for the result banner under the card and return its text. Default true, which fits
   * Action.Execute; pass false for actions that show no banner (e.g. Action.Submit, which the
   * playground sends as a message activity with `value`).
   */
  waitForStatus?: boolean;
}

export interface PlaygroundSession {
  readonly page: Page;
  readonly url: string;
  readonly config: PlaygroundConfig;
  /** The conversation currently open in the UI. */
  readonly conversation: ConversationKind;
  /** Types `text` (single line) into the compose box and sends it (Enter; "Post" in a channel). */
  send(text: string, options?: SendOptions): Promise<void>;
  /** Number of bot messages shown in the open conversation. */
  botMessageCount(): Promise<number>;
  waitForBotMessages(atLeast: number, timeoutMs?: number): Promise<void>;
  /** The newest bot message in a personal or group chat (not available in a channel). */
  lastBotMessage(): Locator;
  /** The newest top-level Adaptive Card (in a channel: the last card of the newest thread holding one). */
  lastBotCard(): Locator;
  /** Clicks the card's action button with this exact title; returns the result banner text, or null. */
  clickCardButton(title: string, options?: CardActionOptions): Promise<string | null>;
  /**
   * Picks a choice by its visible title in the Input.ChoiceSet whose label is `label`: compact
   * (dropdown), expanded (radio buttons) and multi-select (checkboxes, or a dropdown of checkable
   * items) are handled. For multi-select, call once per choice to tick.
   */
  chooseInCard(label: string, choiceTitle: string, options?: { card?: Locator }): Promise<void>;
  /** Fills an Input.Text by its label. */
  fillInCard(label: string, text: string, options?: { card?: Locator }): Promise<void>;
  /** The text of the result banner under the card, or null when none is shown. */
  cardStatus(card?: Locator): Promise<string | null>;
  /**
   * Opens the personal chat, the group chat, or a channel of the team (default "General"); `name`
   * is the group chat's or the channel's name from the config. The first visit of each conversation
   * in a page load makes the playground send installationUpdate + conversationUpdate to the bot.
   */
  switchConversation(kind: ConversationKind, name?: string): Promise<void>;
  /** Sends one of the prefilled "Mock an Activity" activities for the open conversation. */
  mockActivity(activity: MockActivity): Promise<void>;
  /**
   * Sends an arbitrary activity to the bot unchanged (the endpoint behind "Mock an Activity" →
   * "Custom activity"); the only way to post a message as another user. Replies to it are shown.
   */
  postCustomActivity(activity: Record<string, unknown>): Promise<void>;
  /**
   * From now on, card actions sent as invokes (Action.Execute, message-extension calls) carry
   * `from.id = userId` (one of the config's users; the playground then fills in the name and
   * aadObjectId of that user). null returns to the current user. Typed messages are unaffected.
   */
  actAsForCardActions(userId: string | null): Promise<void>;
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`playground config: ${what} is not an object`);
  }
  return value as Record<string, unknown>;
}

function asArray(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new Error(`playground config: ${what} is not an array`);
  return value;
}

function str(record: Record<string, unknown>, key: string, what: string): string {
  const value = record[key];
  if (typeof value !== 'string') throw new Error(`playground config: ${what}.${key} is not a string`);
  return value;
}

function parseUser(value: unknown, what: string): PlaygroundUser {
  const user = asRecord(value, what);
  return { id: str(user, 'id', what), name: str(user, 'name', what), aadObjectId: str(user, 'aadObjectId', what) };
}

export function parsePlaygroundConfig(body: unknown): PlaygroundConfig {
  const root = asRecord(body, 'response');
  const config = asRecord(root.config, 'config');
  const internal = asRecord(root.internalConfig, 'internalConfig');
  const bot = asRecord(config.bot, 'bot');
  const personal = asRecord(config.personalChat, 'personalChat');
  return {
    tenantId: str(config, 'tenantId', 'config'),
    bot: { id: str(bot, 'id', 'bot'), name: str(bot, 'name', 'bot') },
    currentUser: parseUser(config.currentUser, 'currentUser'),
    users: asArray(config.users, 'users').map((u, i) => parseUser(u, `users[${i}]`)),
    personalChat: { id: str(personal, 'id', 'personalChat'), name: str(personal, 'name', 'personalChat') },
    groupChats: asArray(config.groupChats, 'groupChats').map((g, i) => {
      const chat = asRecord(g, `groupChats[${i}]`);
      return { id: str(chat, 'id', 'groupChat'), name: str(chat, 'name', 'groupChat') };
    }),
    teams: asArray(config.teams, 'teams').map((t, i) => {
      const team = asRecord(t, `teams[${i}]`);
      return {
        id: str(team, 'id', 'team'),
        name: str(team, 'name', 'team'),
        channels: asArray(team.channels, 'team.channels').map((c, j) => {
          const channel = asRecord(c, `team.channels[${j}]`);
          return { id: str(channel, 'id', 'channel'), name: str(channel, 'name', 'channel') };
        })
      };
    }),
    locale: str(internal, 'locale', 'internalConfig'),
    localTimezone: str(internal, 'localTimezone', 'internalConfig')
  };
}

function cssString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

class Session implements PlaygroundSession {
  conversation: ConversationKind = 'personal';
  private actingUser: string | null = null;
  private routed = false;

  constructor(
    private readonly browser: Browser,
    readonly page: Page,
    readonly url: string,
    readonly config: PlaygroundConfig,
    private readonly timeoutMs: number
  ) {}

  private botAvatars(): Locator {
    return this.page.locator(
      `[role="img"][aria-label=${cssString(this.config.bot.name)}]` +
        ':not([aria-label="Chat and Teams Channel"] *):not([role="dialog"] *)'
    );
  }

  async botMessageCount(): Promise<number> {
    return this.botAvatars().count();
  }

  async waitForBotMessages(atLeast: number, timeoutMs = this.timeoutMs): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const count = await this.botMessageCount();
      if (count >= atLeast) return;
      if (Date.now() > deadline) {
        throw new Error(`expected at least ${atLeast} bot messages within ${timeoutMs} ms, saw ${count}`);
      }
      await sleep(100);
    }
  }

  /** Waits until the number of bot messages has not changed for `quietMs`. */
  async settle(quietMs = 800): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    let last = await this.botMessageCount();
    let since = Date.now();
    while (Date.now() - since < quietMs && Date.now() < deadline) {
      await sleep(100);
      const count = await this.botMessageCount();
      if (count !== last) {
        last = count;
        since = Date.now();
      }
    }
  }

  async send(text: string, options: SendOptions = {}): Promise<void> {
    const inChannel = this.conversation === 'channel';
    const mention = options.mentionBot ?? this.conversation !== 'personal';
    const before = await this.botMessageCount();
    const editors = this.page.locator(EDITOR);
    // In a channel the first editor starts a new post; the others reply to threads.
    await (inChannel ? editors.first() : editors.last()).click();
    if (mention) {
      const botName = this.config.bot.name;
      await this.page.keyboard.type(`@${botName.slice(0, 3)}`);
      await this.page
        .getByRole('listbox', { name: 'Typeahead menu' })
        .getByRole('menuitem', { name: botName })
        .first()
        .click();
      await this.page.keyboard.type(' ');
    }
    await this.page.keyboard.type(text);
    if (inChannel) {
      await this.page.getByRole('button', { name: 'Post', exact: true }).click();
    } else {
      await this.page.keyboard.press('Enter');
    }
    if (options.waitForReply ?? true) await this.waitForBotMessages(before + 1);
  }

  lastBotMessage(): Locator {
    if (this.conversation === 'channel') {
      throw new Error('lastBotMessage() works in the personal and group chats only; use lastBotCard() in a channel');
    }
    return this.page.locator('.fai-OutputCard').last();
  }

  lastBotCard(): Locator {
    if (this.conversation === 'channel') {
      return this.page
        .getByRole('group')
        .filter({ has: this.page.locator(TOP_CARD) })
        .first()
        .locator(TOP_CARD)
        .last();
    }
    return this.page.locator(`.fai-OutputCard ${TOP_CARD}`).last();
  }

  private statusOf(card: Locator): Locator {
    return card.locator(STATUS_XPATH);
  }

  async cardStatus(card: Locator = this.lastBotCard()): Promise<string | null> {
    const status = this.statusOf(card);
    if ((await status.count()) === 0) return null;
    return (await status.first().innerText()).trim();
  }

  async clickCardButton(title: string, options: CardActionOptions = {}): Promise<string | null> {
    const card = options.card ?? this.lastBotCard();
    const status = this.statusOf(card);
    if ((await status.count()) > 0) {
      await status.first().getByRole('button', { name: DISMISS_STATUS }).click();
      await status.first().waitFor({ state: 'detached' });
    }
    await card.getByRole('button', { name: title, exact: true }).click();
    if (!(options.waitForStatus ?? true)) return null;
    // The card may be replaced by the invoke response; `card` and `status` are re-resolved.
    await status.first().waitFor({ state: 'visible' });
    return (await status.first().innerText()).trim();
  }

  async chooseInCard(label: string, choiceTitle: string, options: { card?: Locator } = {}): Promise<void> {
    const card = options.card ?? this.lastBotCard();
    const combo = card.getByRole('combobox', { name: label, exact: true });
    if ((await combo.count()) > 0) {
      await combo.click();
      const option = this.page.getByRole('option', { name: choiceTitle, exact: true });
      const checkable = this.page.getByRole('menuitemcheckbox', { name: choiceTitle, exact: true });
      await option.or(checkable).first().waitFor({ state: 'visible' });
      if ((await option.count()) > 0) {
        await option.first().click();
      } else {
        // Multi-select dropdown: the list stays open after a tick.
        await checkable.first().click();
        await this.page.keyboard.press('Escape');
      }
      return;
    }
    const radio = card.getByRole('radiogroup', { name: label, exact: true }).getByRole('radio', { name: choiceTitle, exact: true });
    if ((await radio.count()) > 0) {
      await radio.check();
      return;
    }
    const checkbox = card.getByRole('checkbox', { name: `${label} ${choiceTitle}`, exact: true });
    if ((await checkbox.count()) > 0) {
      await checkbox.check();
      return;
    }
    throw new Error(`no choice "${choiceTitle}" in a choice set labelled "${label}"`);
  }

  async fillInCard(label: string, text: string, options: { card?: Locator } = {}): Promise<void> {
    const card = options.card ?? this.lastBotCard();
    await card.getByRole('textbox', { name: label, exact: true }).fill(text);
  }

  async switchConversation(kind: ConversationKind, name?: string): Promise<void> {
    let item: string;
    if (kind === 'personal') {
      item = this.config.personalChat.name;
    } else if (kind === 'group') {
      const chat = name === undefined ? this.config.groupChats[0] : this.config.groupChats.find((g) => g.name === name);
      if (chat === undefined) throw new Error(`no group chat ${name ?? ''} in the playground config`);
      item = chat.name;
    } else {
      const team = this.config.teams[0];
      if (team === undefined) throw new Error('no team in the playground config');
      const channelName = name ?? 'General';
      if (!team.channels.some((c) => c.name === channelName)) throw new Error(`no channel ${channelName} in team ${team.name}`);
      item = `${team.name} - ${channelName}`;
    }
    await this.page.getByRole('treeitem', { name: item, exact: true }).click();
    const post = this.page.getByRole('button', { name: 'Post', exact: true });
    if (kind === 'channel') {
      await post.waitFor({ state: 'visible' });
    } else {
      await post.waitFor({ state: 'detached' });
    }
    this.conversation = kind;
    await this.page.locator(EDITOR).first().waitFor({ state: 'visible' });
    await this.settle();
  }

  async mockActivity(activity: MockActivity): Promise<void> {
    await this.page.getByRole('button', { name: 'Mock an Activity', exact: true }).click();
    const exact = new RegExp(`^\\s*${activity}\\s*$`);
    await this.page.getByRole('menuitem').filter({ hasText: exact }).first().click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Send activity', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  async postCustomActivity(activity: Record<string, unknown>): Promise<void> {
    const response = await this.page.request.post(`${this.url}/_internal/v1/customActivities`, { data: activity });
    if (!response.ok()) {
      throw new Error(`custom activity rejected: ${response.status()} ${await response.text()}`);
    }
  }

  async actAsForCardActions(userId: string | null): Promise<void> {
    if (userId !== null && userId !== this.config.currentUser.id && !this.config.users.some((u) => u.id === userId)) {
      throw new Error(`user ${userId} is not in the playground config`);
    }
    this.actingUser = userId;
    if (this.routed) return;
    this.routed = true;
    await this.page.route('**/_conversation/v1/invoke', async (route: Route) => {
      const acting = this.actingUser;
      const body: unknown = route.request().postDataJSON();
      if (acting === null || typeof body !== 'object' || body === null || Array.isArray(body)) {
        await route.continue();
        return;
      }
      await route.continue({ postData: JSON.stringify({ ...body, from: { id: acting } }) });
    });
  }

  async screenshot(path: string): Promise<void> {
    await this.page.screenshot({ path });
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

export async function openPlayground(options: OpenPlaygroundOptions = {}): Promise<PlaygroundSession> {
  const url = (options.url ?? DEFAULT_PLAYGROUND_URL).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 15_000;
  const browser = await chromium.launch({
    executablePath: options.executablePath ?? DEFAULT_CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS
  });
  try {
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 900 } });
    context.setDefaultTimeout(timeoutMs);
    const page = await context.newPage();
    const response = await page.request.get(`${url}/_internal/v1/config`);
    if (!response.ok()) throw new Error(`playground config: HTTP ${response.status()} from ${url}`);
    const config = parsePlaygroundConfig(await response.json());
    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.locator(EDITOR).first().waitFor({ state: 'visible' });
    const session = new Session(browser, page, url, config, timeoutMs);
    // Each page load sends installationUpdate + conversationUpdate for the personal chat.
    await session.settle();
    return session;
  } catch (error) {
    await browser.close();
    throw error;
  }
}
