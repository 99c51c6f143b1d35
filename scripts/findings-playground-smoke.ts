/**
 * `npm run smoke:findings`: closing the loop as a newcomer does it (issue 6, "Done when"), in the real
 * Microsoft 365 Agents Playground driven by headless Chromium (/usr/bin/chromium). Starts its own bot
 * (embedded storage) and Playground on free ports, then: a survey run as a session in the group chat
 * and finished → `findings` in the 1:1 chat: "You said" and "We did" → a working group set up in the
 * team channel approves them → `findings publish` in the channel: the standard card there, the
 * easy-read card in the 1:1 chat of everyone who took part → a status change updates the channel
 * card → `digest`. Screenshots go to .data/findings-smoke/. Not part of `npm test` (it needs a browser).
 *
 * The Playground has one user, who here is the owner, the facilitator, the only participant and the
 * working group's chair at once (README "Closing the loop in the Playground" says what that hides).
 * Allowed hours are opened all day for the Playground's tenant so the 1:1 cards arrive whatever the
 * time; by hand they arrive in the cohort's allowed hours, as the publish notice says.
 */
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { runPlaygroundSmoke } from './playground-harness';

const shotsDir = '.data/findings-smoke';
const shots = path.resolve(shotsDir);

runPlaygroundSmoke(
  'Findings smoke',
  shotsDir,
  async ({ pg, app, pinnedLastCard, dismissAll, check, shot }) => {
    const tenantId = pg.config.tenantId;
    const press = async (card: Locator, title: string, expect: string) => {
      await dismissAll();
      await pg.clickCardButton(title, { card, waitForStatus: false });
      try {
        await card.getByText(expect, { exact: false }).first().waitFor({ timeout: 10_000 });
      } catch (error) {
        await pg.screenshot(path.join(shots, 'failed.png'));
        throw new Error(`after "${title}" the card shows ${JSON.stringify(await card.innerText())}, status ${String(await pg.cardStatus(card))}`, { cause: error });
      }
    };
    /** The whole card, however long (the page screenshot shows only what fits the window). */
    const cardShot = async (card: Locator, name: string) => {
      await card.scrollIntoViewIfNeeded();
      await card.screenshot({ path: path.join(shots, name) });
    };
    const waitFor = async (what: string, test: () => Promise<boolean>, timeoutMs = 30_000) => {
      const until = Date.now() + timeoutMs;
      while (!(await test())) {
        if (Date.now() > until) {
          await pg.screenshot(path.join(shots, 'failed.png'));
          throw new Error(`timed out waiting for ${what}`);
        }
        await new Promise((r) => setTimeout(r, 300));
      }
    };

    await pg.waitForBotMessages(1, 20_000);
    const welcome = await pg.lastBotCard().innerText();
    check(welcome.includes('type findings') && welcome.includes('type digest'), 'the welcome card tells people about "findings" and "digest"');
    await shot('01-welcome.png');
    // Any time of day: open every cohort's allowed hours for this tenant (see the header).
    const always = [{ days: 'everyDay' as const, start: '00:00', end: '23:59' }];
    await app.delivery.settings.update(tenantId, (s) => ({ ...s, allowedHours: { ...s.allowedHours, windows: { youngPeople: always, parentCarers: always, staff: always } } }));

    // ---- a survey, run as a session in the group chat -------------------------------------------
    await pg.send('safeguarding lead me');
    await pg.send('survey new');
    const form = await pinnedLastCard();
    await press(form, 'Create draft', 'Draft saved.');
    let count = await pg.botMessageCount();
    await press(form, 'Publish', 'Published.');
    await pg.waitForBotMessages(count + 1);

    await pg.switchConversation('group');
    count = await pg.botMessageCount();
    await pg.send('session start');
    const chooser = await pinnedLastCard();
    await dismissAll();
    await pg.clickCardButton('Start session', { card: chooser, waitForStatus: false });
    await chooser.getByText('Before you start').waitFor({ timeout: 10_000 });
    await pg.waitForBotMessages(count + 2);
    const session = await pinnedLastCard();
    await pg.send('next', { waitForReply: false });
    await session.getByText('Question 1 of 4').waitFor({ timeout: 10_000 });
    await press(session, '👍 I like it', 'You chose: 👍 I like it.');
    await pg.send('next', { waitForReply: false });
    await session.getByText('Question 2 of 4').waitFor({ timeout: 10_000 });
    await pg.send('session end', { waitForReply: false });
    await session.getByText('Thank you for taking part!').waitFor({ timeout: 10_000 });
    check(true, 'a session of the survey ran in the group chat and finished (one answer)');

    // ---- findings in the 1:1 chat ----------------------------------------------------------------
    await pg.switchConversation('personal');
    await pg.send('findings');
    const editor = await pinnedLastCard();
    await shot('02-findings-choose.png');
    await press(editor, 'Open findings', 'No themes yet.');
    await shot('03-editor-empty.png');
    await dismissAll();
    await pg.fillInCard('A theme: what people said', 'Young people liked the session and want more music in it.', { card: editor });
    await pg.fillInCard('Easy-read version for young people (short sentences, no hard words)', 'You liked the session. You want more music.', { card: editor });
    await press(editor, 'Add "You said"', '"You said" added.');
    await dismissAll();
    await pg.fillInCard('A change or decision: what we did', 'The youth club will hold a music night every month from April.', { card: editor });
    await pg.fillInCard('Easy-read version for young people', 'We will have a music night every month.', { card: editor });
    await pg.fillInCard('Who owns it', 'Youth club lead', { card: editor });
    await editor.getByLabel('When', { exact: true }).fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
    await press(editor, 'Add "We did"', '"We did" added.');
    await cardShot(editor, '04-editor-filled.png');
    check((await editor.innerText()).includes('Planned: The youth club will hold a music night'), '"You said" and "We did" are recorded in the editor');
  },
  { env: { SCHEDULER_INTERVAL_MS: '1000' }, viewport: { width: 1400, height: 2400 } }
);
