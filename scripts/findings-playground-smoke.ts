/**
 * `npm run smoke:findings`: closing the loop as a newcomer does it (issue 6, "Done when"), in the real
 * Microsoft 365 Agents Playground driven by headless Chromium (/usr/bin/chromium). Starts its own bot
 * (embedded storage) and Playground on free ports, then: a survey run as a session in the group chat
 * and finished → `findings` in the 1:1 chat: "You said" and "We did" → a working group set up in the
 * team channel approves them → `findings publish` in the channel: the standard card there, the
 * easy-read card in the 1:1 chat of everyone who took part → a status change updates the channel
 * card → a reaction on the "We did" card and `findings reactions` → a "Tell us" routed to a service
 * area's owner → `digest`. Screenshots go to .data/findings-smoke/. Not part of `npm test` (it needs a browser).
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
  async ({ pg, app, pinnedLastCard, dismissAll, check, shot, press, publishTemplateSurvey, startSessionInGroup, setUpWorkingGroup }) => {
    const tenantId = pg.config.tenantId;
    /** The whole card, however long (the page screenshot shows only what fits the window). */
    const cardShot = async (card: Locator, name: string) => {
      await card.scrollIntoViewIfNeeded();
      await card.screenshot({ path: path.join(shots, name) });
    };
    /** Opens a collapsed part of a card (Action.ShowCard), then fills it in. */
    const openAndFill = async (card: Locator, title: string, fill: () => Promise<void>) => {
      await dismissAll(); // dismissing re-renders the card: before typing, not after
      await card.getByRole('button', { name: title, exact: true }).first().click();
      await fill();
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
    // The approval gate off (the local user is an administrator): this walk-through starts at the survey, not its plan.
    await pg.send('engagement gate off');
    await publishTemplateSurvey();

    const session = await startSessionInGroup();
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
    await openAndFill(editor, '➕ Add a "You said"', async () => {
      await pg.fillInCard('A theme: what people said', 'Young people liked the session and want more music in it.', { card: editor });
      await pg.fillInCard('Easy-read version for young people (short sentences, no hard words)', 'You liked the session. You want more music.', { card: editor });
    });
    await press(editor, 'Add "You said"', '"You said" added.');
    await openAndFill(editor, '➕ Add a "We did"', async () => {
      await pg.fillInCard('A change or decision: what we did', 'The youth club will hold a music night every month from April.', { card: editor });
      await pg.fillInCard('Easy-read version for young people', 'We will have a music night every month.', { card: editor });
      await pg.fillInCard('Who owns it', 'Youth club lead', { card: editor });
      await editor.getByLabel('When', { exact: true }).fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
    });
    await press(editor, 'Add "We did"', '"We did" added.');
    await cardShot(editor, '04-editor-filled.png');
    check((await editor.innerText()).includes('Planned: The youth club will hold a music night'), '"You said" and "We did" are recorded in the editor');

    // ---- the working group approves ------------------------------------------------------------
    await setUpWorkingGroup('Youth voice working group');
    check(true, 'a working group is set up in the team channel');

    await pg.switchConversation('personal');
    await pg.send('findings');
    const editor2 = await pinnedLastCard();
    await press(editor2, 'Open findings', 'Next: send them to the working group');
    await openAndFill(editor2, 'Send to the working group', async () => undefined);
    await cardShot(editor2, '05-send-to-group.png');
    await press(editor2, 'Send for approval', 'Sent to the working group.');
    check((await editor2.innerText()).includes('With the working group'), 'the findings go to the working group from the 1:1 chat');

    await pg.switchConversation('channel');
    const approval = pg.lastBotCard();
    await approval.getByText('Findings: you said, we did', { exact: false }).first().waitFor({ timeout: 10_000 });
    await cardShot(approval, '06-approval-card.png');
    await dismissAll();
    await pg.clickCardButton('Approve', { card: approval, waitForStatus: false });
    await waitFor('the approval to be recorded', async () => (await app.findings.listMine({ tenantId, userId: pg.config.currentUser.id, aadObjectId: pg.config.currentUser.aadObjectId })).some((f) => f.state === 'approved'));
    await cardShot(approval, '07-approved.png');
    check(true, 'the chair approves the findings on the approval card');

    // ---- publish in the channel; the easy-read card arrives 1:1 ----------------------------------
    await pg.send('findings publish');
    const publishChooser = pg.lastBotCard();
    await publishChooser.getByText('Publish findings here').waitFor({ timeout: 10_000 });
    await dismissAll();
    await pg.clickCardButton('Publish here', { card: publishChooser, waitForStatus: false });
    await waitFor('the standard card in the channel', async () => (await pg.page.getByText('What you said', { exact: false }).count()) > 0);
    await pg.screenshot(path.join(shots, '08-channel-after-publish.png'));
    const standard = pg.page.locator('.ac-adaptiveCard:not(.ac-adaptiveCard *)').filter({ hasText: 'What we did' }).first();
    await cardShot(standard, '09-standard-card.png');
    check((await standard.innerText()).includes('music night'), 'the standard card is posted in the channel');

    await pg.switchConversation('personal');
    await waitFor('the easy-read card in the 1:1 chat', async () => (await pg.page.getByText('How your views changed things', { exact: false }).count()) > 0);
    const easy = pg.page.locator('.ac-adaptiveCard:not(.ac-adaptiveCard *)').filter({ hasText: 'How your views changed things' }).last();
    await cardShot(easy, '10-easy-read-card.png');
    check((await easy.innerText()).includes('We will have a music night every month.'), 'the easy-read card arrives 1:1 for the person who took part');

    // ---- the loop both ways: a reaction on the "We did" card (issue 15) --------------------------
    await press(easy, "👍 That's right", 'You told us this is right.');
    await cardShot(easy, '10a-reaction.png');
    await pg.send('findings reactions');
    const reactions = await pinnedLastCard();
    await reactions.getByText('What people said back', { exact: false }).first().waitFor({ timeout: 10_000 });
    await cardShot(reactions, '10b-reactions.png');
    check((await reactions.innerText()).includes('👍 fewer than'), 'a reaction on the "We did" card is counted, and shown suppressed to the owner');

    // ---- a status change updates the card -------------------------------------------------------
    await pg.send('findings');
    const editor3 = await pinnedLastCard();
    await press(editor3, 'Open findings', 'Published.');
    await openAndFill(editor3, 'Change status', async () => {
      await pg.chooseInCard('Status', 'Done', { card: editor3 });
    });
    await press(editor3, 'Update status', 'Status changed.');
    await cardShot(editor3, '11-status-changed.png');
    await pg.switchConversation('channel');
    await waitFor('the channel card to show Done', async () => (await pg.page.locator('.ac-adaptiveCard').filter({ hasText: 'Done: The youth club will hold a music night' }).count()) > 0);
    await cardShot(pg.page.locator('.ac-adaptiveCard:not(.ac-adaptiveCard *)').filter({ hasText: 'What we did' }).first(), '12-standard-updated.png');
    check(true, 'the channel card updates in place when the status changes');
    await pg.switchConversation('personal');
    await waitFor('the follow-up in the 1:1 chat', async () => (await pg.page.getByText('News about your views', { exact: false }).count()) > 0);
    await cardShot(pg.page.locator('.ac-adaptiveCard:not(.ac-adaptiveCard *)').filter({ hasText: 'News about your views' }).last(), '13-follow-up.png');
    check(true, 'the participant gets a short easy-read follow-up');

    // ---- Tell us (issue 15): an area owned by the local user, then a view from the help card ----------
    await pg.send(`tell us area add Short breaks ${pg.config.currentUser.aadObjectId}`);
    check((await pg.lastBotCard().innerText()).includes('Area added.'), 'an administrator sets a Tell us service area and its owner');
    await pg.send('tell us');
    const tellUs = await pinnedLastCard();
    await dismissAll();
    await pg.chooseInCard('🙋 Who are you?', '🧒 A young person', { card: tellUs });
    await pg.chooseInCard('📂 What is it about?', '📂 Short breaks', { card: tellUs });
    await pg.fillInCard('✏️ What do you want to tell us?', 'The bus to the club is always late.', { card: tellUs });
    await cardShot(tellUs, '13a-tell-us.png');
    await press(tellUs, '📨 Send', 'We sent it to the person in charge of Short breaks.');
    await waitFor('the view to reach the area owner', async () => (await pg.page.getByText('Tell us: Short breaks', { exact: false }).count()) > 0);
    await cardShot(pg.page.locator('.ac-adaptiveCard:not(.ac-adaptiveCard *)').filter({ hasText: 'Tell us: Short breaks' }).last(), '13b-tell-us-owner.png');
    check(true, '"Tell us" is acknowledged and routed to the owner of the service area');

    // ---- the digest -----------------------------------------------------------------------------
    await pg.send('digest');
    const digest = await pinnedLastCard();
    await digest.getByText('VoiceLoop digest').waitFor({ timeout: 10_000 });
    await cardShot(digest, '14-digest.png');
    const digestText = await digest.innerText();
    check(digestText.includes('Loops closed') && digestText.includes('responded'), 'the digest arrives (loops, live surveys and their responses)');
    await pg.send('digest subscribe');
    check((await pg.lastBotCard().innerText()).includes('every Monday at 09:00'), '"digest subscribe" confirms the weekly 1:1 digest');
  },
  { env: { SCHEDULER_INTERVAL_MS: '1000' }, viewport: { width: 1400, height: 2400 } }
);
