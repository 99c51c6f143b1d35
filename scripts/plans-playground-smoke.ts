/**
 * `npm run smoke:plans`: the evidence chain as a newcomer walks it (issue 14, "Done when"), in the real
 * Microsoft 365 Agents Playground driven by headless Chromium (/usr/bin/chromium). Starts its own bot
 * (embedded storage) and Playground on free ports, then: a working group set up in the team channel →
 * `plan new` in the 1:1 chat, submitted to the working group → `survey new` for the plan: publishing is
 * refused until the plan is approved (the gate) → the chair approves the plan on the approval card in
 * the channel → the survey is published, its card saying who approved the plan → a session of the survey
 * in the group chat, answered → findings opened for the survey (they take its plan), approved and
 * published → `audit participation` for the financial year: the activity, its participants (suppressed)
 * and the CSV file → `report` for the year: the summary card and the HTML report, opened in the browser.
 * Screenshots go to .data/plans-smoke/. Not part of `npm test` (it needs a browser).
 *
 * The Playground has one user, who here is the plan's owner, the working group's only member and chair,
 * the facilitator and the only participant at once (README "The evidence chain in the Playground" says
 * what that hides: a working group of several people deciding, and counts above the suppression
 * threshold, are shown by the end-to-end tests instead). Allowed hours are opened all day for the
 * Playground's tenant so the 1:1 cards arrive whatever the time.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { londonDate } from '../src/domain/plans/plan-service';
import { runPlaygroundSmoke } from './playground-harness';

const shotsDir = '.data/plans-smoke';
const shots = path.resolve(shotsDir);

const TOP_CARD = '.ac-adaptiveCard:not(.ac-adaptiveCard *)';

runPlaygroundSmoke(
  'Plans smoke',
  shotsDir,
  async ({ pg, app, pinnedLastCard, dismissAll, check, shot, press, startSessionInGroup, setUpWorkingGroup }) => {
    const tenantId = pg.config.tenantId;
    const me = { tenantId, userId: pg.config.currentUser.id, aadObjectId: pg.config.currentUser.aadObjectId };
    /** The whole card, however long (the page screenshot shows only what fits the window). */
    const cardShot = async (card: Locator, name: string) => {
      await card.scrollIntoViewIfNeeded();
      await card.screenshot({ path: path.join(shots, name) });
    };
    const openAndFill = async (card: Locator, title: string, fill: () => Promise<void>) => {
      await dismissAll();
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
    const today = londonDate(new Date());
    const day = (offset: number) => londonDate(new Date(Date.now() + offset * 86_400_000));
    // The council's financial year that holds today: what the year's audit and report cover.
    const year = Number(today.slice(0, 4)) - (today.slice(5) < '04-01' ? 1 : 0);
    const range = `${year}-04-01 ${year + 1}-03-31`;

    await pg.waitForBotMessages(1, 20_000);
    await shot('01-welcome.png');
    const always = [{ days: 'everyDay' as const, start: '00:00', end: '23:59' }];
    await app.delivery.settings.update(tenantId, (s) => ({ ...s, allowedHours: { ...s.allowedHours, windows: { youngPeople: always, parentCarers: always, staff: always } } }));
    await pg.send('safeguarding lead me');

    // ---- the working group (one member in the Playground: you, the chair) -------------------------
    await setUpWorkingGroup('SEND working group');
    check(true, 'a working group is set up in the team channel');

    // ---- the plan, submitted to the working group --------------------------------------------------
    await pg.switchConversation('personal');
    await pg.send('plan new');
    const form = await pinnedLastCard();
    await dismissAll();
    await pg.fillInCard('Title', 'Short breaks: what works for you?', { card: form });
    await pg.fillInCard('Purpose: what we want to find out, and which decision it will inform', 'Hear young people on short breaks before the service is recommissioned.', { card: form });
    await pg.fillInCard('Strategic outcome: what should be better, and for whom', 'Young people on short breaks get breaks they choose, at times that suit their families.', { card: form });
    await pg.chooseInCard('Commissioning level', 'Meso: one service', { card: form });
    await pg.fillInCard('Service area', 'Short breaks', { card: form });
    await pg.chooseInCard('Who will take part', 'Young people', { card: form });
    await form.getByLabel('First date', { exact: true }).fill(today);
    await form.getByLabel('Last date', { exact: true }).fill(day(21));
    await pg.chooseInCard('Step aimed for on the TLAP ladder of co-production', 'Co-design', { card: form });
    await pg.chooseInCard("For children's activities: rung of Hart's ladder aimed for (1–3 are not participation)", '6 Adult-initiated, shared decisions with children', { card: form });
    for (const label of [
      'Space: views actively sought, in a safe and inclusive space',
      'Voice: child-friendly information, optional, several ways to give a view',
      'Audience: they know who will hear their views, and that person can decide',
      'Influence: views taken seriously, and they are told what was decided and why'
    ])
      await pg.chooseInCard(label, 'Yes', { card: form });
    await pg.chooseInCard('Accessibility adjustments', 'Easy-read', { card: form });
    await pg.fillInCard('Who will decide (name or role)', 'Head of Integrated Commissioning', { card: form });
    await form.getByLabel('Participants will be told what happened by', { exact: true }).fill(day(60));
    await cardShot(form, '02-plan-form.png');
    await press(form, 'Submit to the working group', 'Sent to the working group.');
    await cardShot(form, '03-plan-submitted.png');
    const [plan] = (await app.plans.list(me)).mine;
    check(plan?.state === 'submitted', 'the plan is submitted to the working group from the 1:1 chat');

    // ---- the survey for the plan: refused until the plan is approved -------------------------------
    await pg.send('survey new');
    const surveyForm = await pinnedLastCard();
    await dismissAll();
    await pg.chooseInCard('Which engagement plan is it for? (needed for young people and parent carers)', `${plan!.title} (waiting for the working group)`, { card: surveyForm });
    await cardShot(surveyForm, '04-survey-new.png');
    await press(surveyForm, 'Create draft', 'Draft saved.');
    await dismissAll();
    await pg.clickCardButton('Publish', { card: surveyForm, waitForStatus: false });
    await waitFor('the gate to refuse', async () => (await pg.page.getByText('approved', { exact: false }).count()) > 0);
    await new Promise((r) => setTimeout(r, 1000));
    await pg.screenshot(path.join(shots, '05-publish-refused.png'));
    const surveys = (await app.surveys.listMine(tenantId, me)).map((s) => s.survey);
    check(surveys.length === 1 && surveys[0]!.status === 'draft', 'publishing is refused while the plan waits for the working group; the survey stays a draft');

    // ---- the chair approves the plan in the channel ------------------------------------------------
    await pg.switchConversation('channel');
    const approval = pg.page.locator(TOP_CARD).filter({ hasText: plan!.title }).last();
    await approval.waitFor({ timeout: 10_000 });
    await cardShot(approval, '06-plan-approval-card.png');
    await dismissAll();
    await pg.clickCardButton('Approve', { card: approval, waitForStatus: false });
    await waitFor('the plan to be approved', async () => (await app.plans.get(tenantId, plan!.planId)).state === 'approved');
    await cardShot(approval, '07-plan-approved.png');
    check(true, 'the chair approves the plan on the approval card');

    // ---- now the survey publishes ----------------------------------------------------------------
    await pg.switchConversation('personal');
    // The approval arrives 1:1; the survey's own card (above it) publishes now.
    await pg.page.getByText('The working group approved your engagement plan.', { exact: false }).first().waitFor({ timeout: 10_000 });
    const count = await pg.botMessageCount();
    await dismissAll();
    await pg.clickCardButton('Publish', { card: surveyForm, waitForStatus: false });
    await pg.waitForBotMessages(count + 1);
    await new Promise((r) => setTimeout(r, 1000));
    await pg.screenshot(path.join(shots, '08-published.png'));
    await cardShot(surveyForm, '09-survey-card-approved.png');
    check((await app.surveys.listMine(tenantId, me))[0]!.survey.status === 'open', 'once the plan is approved the survey publishes');

    // ---- a session of the survey in the group chat -------------------------------------------------
    const session = await startSessionInGroup();
    await pg.send('next', { waitForReply: false });
    await session.getByText('Question 1 of 4').waitFor({ timeout: 10_000 });
    await press(session, '👍 I like it', 'You chose: 👍 I like it.');
    await pg.send('next', { waitForReply: false });
    await session.getByText('Question 2 of 4').waitFor({ timeout: 10_000 });
    await pg.send('session end', { waitForReply: false });
    await session.getByText('Thank you for taking part!').waitFor({ timeout: 10_000 });
    await cardShot(session, '10-session.png');
    check(true, 'a session of the survey ran in the group chat (one answer)');

    // ---- findings for the survey: they take its plan -----------------------------------------------
    await pg.switchConversation('personal');
    await pg.send('findings');
    const editor = await pinnedLastCard();
    await press(editor, 'Open findings', 'No themes yet.');
    check((await app.findings.get(tenantId, surveys[0]!.surveyId)).planId === plan!.planId, 'the findings belong to the survey’s plan, never asked for');
    await openAndFill(editor, '➕ Add a "You said"', async () => {
      await pg.fillInCard('A theme: what people said', 'Young people want short breaks at weekends too.', { card: editor });
      await pg.fillInCard('Easy-read version for young people (short sentences, no hard words)', 'You want short breaks at weekends.', { card: editor });
    });
    await press(editor, 'Add "You said"', '"You said" added.');
    await openAndFill(editor, '➕ Add a "We did"', async () => {
      await pg.fillInCard('A change or decision: what we did', 'Short breaks will run on Saturdays from January.', { card: editor });
      await pg.fillInCard('Easy-read version for young people', 'Short breaks on Saturdays from January.', { card: editor });
      await pg.fillInCard('Who owns it', 'Short breaks lead', { card: editor });
      await pg.chooseInCard('Status', 'Done', { card: editor }).catch(() => undefined);
      await editor.getByLabel('When', { exact: true }).fill(today);
    });
    await press(editor, 'Add "We did"', '"We did" added.');
    await cardShot(editor, '11-findings.png');
    // The plan names the working group: one press sends the findings to it.
    await press(editor, 'Send to the working group', 'Sent to the working group.');
    await pg.switchConversation('channel');
    const findingsApproval = pg.page.locator(TOP_CARD).filter({ hasText: 'Findings: you said, we did' }).last();
    await findingsApproval.waitFor({ timeout: 10_000 });
    await dismissAll();
    await pg.clickCardButton('Approve', { card: findingsApproval, waitForStatus: false });
    await waitFor('the findings to be approved', async () => (await app.findings.get(tenantId, surveys[0]!.surveyId)).state === 'approved');
    await pg.send('findings publish');
    const publishChooser = pg.lastBotCard();
    await publishChooser.getByText('Publish findings here').waitFor({ timeout: 10_000 });
    await dismissAll();
    await pg.clickCardButton('Publish here', { card: publishChooser, waitForStatus: false });
    await waitFor('the findings to be published', async () => (await app.findings.get(tenantId, surveys[0]!.surveyId)).state === 'published');
    await new Promise((r) => setTimeout(r, 1000));
    await pg.screenshot(path.join(shots, '12-findings-published.png'));
    check(true, 'the findings are approved by the working group and published in the channel');

    // ---- the year's audit ------------------------------------------------------------------------
    await pg.switchConversation('personal');
    await pg.send(`audit participation ${range}`);
    const audit = await pinnedLastCard();
    await audit.getByText('Participation audit', { exact: false }).first().waitFor({ timeout: 10_000 });
    await cardShot(audit, '13-audit.png');
    const auditText = await audit.innerText();
    check(auditText.includes('Short breaks') && auditText.includes('1 activity (') && auditText.includes('Co-design 1'), 'the audit counts the activity, on the council’s ladder');

    // ---- the board report ------------------------------------------------------------------------
    await pg.send(`report ${range}`);
    const report = await pinnedLastCard();
    await report.getByText('Participation report').first().waitFor({ timeout: 10_000 });
    await cardShot(report, '14-report-card.png');
    const reportText = await report.innerText();
    check(reportText.includes('Activities') && reportText.includes('Changes made'), 'the report summary card arrives with its charts');
    // The full report: the link on the card opens it in the browser (links work for 15 minutes, for you).
    const inReport = await app.reports.issue(me, { kind: 'reportHtml', from: range.split(' ')[0]!, to: range.split(' ')[1]! });
    const file = await app.reports.file(tenantId, inReport.token, me);
    writeFileSync(path.join(shots, 'report.html'), file.body);
    const page = await pg.page.context().newPage();
    await page.setContent(file.body);
    await page.screenshot({ path: path.join(shots, '15-report-html.png'), fullPage: true });
    await page.close();
    check(file.body.includes('Activities by step on the TLAP ladder of co-production'), 'the HTML report opens in the browser, ready to print');

    // ---- another council's ladder: the audit in its words, the plan kept on its own ---------------
    await pg.send('ladder west sussex');
    check((await pg.lastBotCard().innerText()).includes('West Sussex ladder of participation'), 'an administrator chooses West Sussex’s ladder');
    await pg.send(`audit participation ${range}`);
    const wsAudit = await pinnedLastCard();
    await wsAudit.getByText('Participation audit', { exact: false }).first().waitFor({ timeout: 10_000 });
    await cardShot(wsAudit, '16-audit-west-sussex.png');
    check(
      (await wsAudit.innerText()).includes('West Sussex ladder of participation: Co-design (TLAP ladder of co-production) 1'),
      'the audit now speaks West Sussex’s ladder, and names the plan made under TLAP with its ladder'
    );
  },
  { env: { SCHEDULER_INTERVAL_MS: '1000' }, viewport: { width: 1400, height: 3600 } }
);
