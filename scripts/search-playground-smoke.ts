/**
 * `npm run smoke:search`: the messaging extension as a person uses it in the real Microsoft 365 Agents
 * Playground, driven by headless Chromium (/usr/bin/chromium). Starts its own bot (embedded storage)
 * and Playground on free ports, then: a poll made in the bot → the compose box's "+" → Search Command
 * → type a word → pick the result → send it → the live card is in the conversation → vote on it; then
 * "+" → Action Command `createPoll` → fill the dialog → the poll is posted. Screenshots go to
 * .data/search-smoke/. Not part of `npm test` (it needs a browser).
 */
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { runPlaygroundSmoke } from './playground-harness';

const shots = path.resolve('.data/search-smoke');
const QUESTION = 'Which day suits the summer youth club?';

runPlaygroundSmoke('Search smoke', '.data/search-smoke', async ({ pg, pinnedLastCard, dismissAll, check, shot }) => {
  const page = pg.page;
  const fail = async (what: string, error: unknown): Promise<never> => {
    await pg.screenshot(path.join(shots, 'failed.png'));
    throw new Error(what, { cause: error });
  };
  /** Opens the compose box's messaging-extension menu ("+") and picks a command kind. */
  const openExtension = async (kind: 'Search Command' | 'Action Command'): Promise<void> => {
    await page.getByRole('button', { name: 'Trigger Message Extension App' }).last().click();
    await page.getByRole('menuitem').filter({ hasText: kind }).first().click();
  };

  await pg.waitForBotMessages(1, 20_000);

  // 1. A poll made in the bot, as in the poll smoke.
  await pg.send('poll');
  const form = await pinnedLastCard();
  await pg.fillInCard('Question', QUESTION, { card: form });
  await pg.fillInCard('Options: one per line, from 2 to 10', 'Saturday\nSunday', { card: form });
  const before = await pg.botMessageCount();
  await pg.clickCardButton('Post poll', { card: form, waitForStatus: false });
  await pg.waitForBotMessages(before + 1);
  await form.getByText('Poll posted').waitFor({ timeout: 10_000 });
  check((await (await pinnedLastCard()).innerText()).includes(QUESTION), 'a poll is posted in the bot');

  // 2. Search from the compose box: no command id needed (the Playground sends none).
  await openExtension('Search Command');
  const searchBox = page.getByPlaceholder('Enter a search term');
  await searchBox.fill('summ');
  const result = page.getByText(QUESTION, { exact: true }).last();
  try {
    await result.waitFor({ timeout: 10_000 });
  } catch (error) {
    await fail('the search result did not appear', error);
  }
  await shot('01-search-results.png');
  check(true, 'typing "summ" in the search box lists the poll (title and "VoiceLoop quick poll")');

  // 3. Choose it: the live card goes into the compose box; send it.
  await result.click();
  await page.locator('[data-lexical-editor="true"] .ac-adaptiveCard').first().waitFor({ timeout: 10_000 });
  await shot('02-card-in-compose-box.png');
  check(true, 'choosing the result puts the full card in the compose box');
  await page.getByRole('button', { name: 'Send Message' }).last().click();
  // Cards with the question: the "Poll posted" notice, the bot's poll, then the card the person sent.
  const polls = page.locator('.ac-adaptiveCard:not(.ac-adaptiveCard *)').filter({ hasText: 'Your answer' }).filter({ hasText: QUESTION });
  try {
    await polls.nth(1).waitFor({ timeout: 10_000 });
  } catch (error) {
    await fail('the chosen card did not appear in the conversation', error);
  }
  const sentCard: Locator = polls.nth(1);
  const fromPerson = await sentCard.evaluate((el) => el.closest('.fai-OutputCard') === null);
  check((await polls.count()) === 2 && fromPerson, 'sending puts the card in the conversation as the person\'s message');
  await new Promise((r) => setTimeout(r, 1000));
  const botMessages = await pg.botMessageCount();
  check(botMessages === before + 1, `the bot does not answer that message (${botMessages} bot messages, as before)`);
  await shot('03-card-sent.png');

  // 4. The sent card is live: vote on it.
  await dismissAll();
  await pg.chooseInCard('Your answer', 'Sunday', { card: sentCard });
  const status = await pg.clickCardButton('Vote', { card: sentCard });
  await sentCard.getByText('You chose: Sunday').waitFor({ timeout: 10_000 }).catch(() => undefined);
  const voted = await sentCard.innerText();
  await shot('04-voted-on-sent-card.png');
  check(voted.includes('You chose: Sunday') && voted.includes('1 person has voted.'), `voting on the sent card works (banner: "${status ?? ''}")`);

  // 5. "Create a poll" from the compose box (the Playground needs the command id typed in). It shows
  //    no botMessagePreview, so in the Playground the dialog's button is "Post poll" and posts at once.
  await dismissAll();
  await openExtension('Action Command');
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox').first().fill('createPoll');
  await dialog.getByRole('button', { name: /create/i }).first().click();
  const dialogCard = dialog.locator('.ac-adaptiveCard').first();
  try {
    await dialogCard.getByRole('textbox', { name: 'Question', exact: true }).waitFor({ timeout: 10_000 });
  } catch (error) {
    await fail('the createPoll dialog did not open', error);
  }
  await dialogCard.getByRole('textbox', { name: 'Question', exact: true }).fill('Bowling or cinema?');
  await dialogCard.getByRole('textbox', { name: 'Options: one per line, from 2 to 10', exact: true }).fill('Bowling\nCinema');
  await shot('05-create-dialog.png');
  const beforeCreate = await pg.botMessageCount();
  await dialogCard.getByRole('button', { name: 'Post poll', exact: true }).click();
  const done = dialog.getByText('Your poll "Bowling or cinema?" is in the conversation.');
  await done.waitFor({ timeout: 10_000 });
  await done.scrollIntoViewIfNeeded();
  await shot('06-create-done.png');
  check(true, 'the dialog says the poll is posted');
  await pg.waitForBotMessages(beforeCreate + 1);
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  await dialog.waitFor({ state: 'detached' });
  const created = await pinnedLastCard();
  check((await created.innerText()).includes('Bowling or cinema?'), '"Create a poll" (Action Command createPoll) posts the live poll');
  await shot('07-created-poll.png');
});
