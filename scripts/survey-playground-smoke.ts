/**
 * `npx tsx scripts/survey-playground-smoke.ts`: the survey flow as a newcomer sees it, in the real
 * Microsoft 365 Agents Playground driven by headless Chromium (/usr/bin/chromium). Starts its own bot
 * (embedded storage) and Playground on free ports, then: `survey new` → draft from a template →
 * publish refused by the approval gate (no plan) → `engagement gate off` → publish → Start → answer in easy read →
 * "🙋 I want to help more" on the thank-you card → Join the Youth Forum (made first with `group new`) → results chart → CSV export → a session in the group chat
 * (welcome and consent, `next`, an answer, `session end`) → a second survey answered with a
 * disclosure (easy-read reply, safeguarding alert to the lead) → delivery settings → a third survey
 * answered with a neglect disclosure the old phrase list missed (alert naming the category, the lead
 * presses "I'm dealing with this", the owner's results show the withheld line and not the words) → a fourth
 * survey made to recur after each session, its second round opened by `session end`, and `survey trend`.
 * Screenshots go to .data/survey-smoke/.
 * Not part of `npm test` (it needs a browser).
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { runPlaygroundSmoke } from './playground-harness';

const shots = path.resolve('.data/survey-smoke');

runPlaygroundSmoke('Survey smoke', '.data/survey-smoke', async ({ pg, app, pinnedLastCard, dismissAll, check, press, publishTemplateSurvey, startSessionInGroup }) => {
  await pg.waitForBotMessages(1, 20_000);

  await pg.send('safeguarding lead me'); // young-people surveys with free text need a lead first
  // A group young people can choose to join (docs/groups.md): the local Playground user is an administrator.
  await pg.send('group new Youth Forum');
  check((await pg.lastBotCard().innerText()).includes('Young people can join "Youth Forum" now'), '"group new Youth Forum" creates the group');
  await pg.send('survey new');
  const form = await pinnedLastCard();
  check((await form.innerText()).includes('New survey'), '"survey new" shows the form with the template library');
  await pg.screenshot(path.join(shots, '01-form.png'));
  await press(form, 'Create draft', 'Draft saved.');
  check((await form.innerText()).includes("How was today's session?"), 'the template is copied into a draft');
  await pg.screenshot(path.join(shots, '02-editor.png'));
  // The approval gate (docs/approvals.md): a young people's survey goes out only under a plan the working group
  // approved. Seen here, then turned off (in local mode the Playground's user is an administrator), so the rest
  // of this walk-through needs no plan; approval-gate.test.ts covers plans end to end.
  await press(form, 'Publish', 'only under an engagement plan the working group has approved');
  check((await form.innerText()).includes('Choose its plan'), 'publishing without an approved plan is refused, saying what to do');
  await pg.screenshot(path.join(shots, '02b-gate.png'));
  await pg.send('engagement gate off');
  check((await pg.lastBotCard().innerText()).includes('The approval gate is off'), 'an administrator turns the approval gate off');
  let count = await pg.botMessageCount();
  await press(form, 'Publish', 'Published.');
  await pg.waitForBotMessages(count + 1);
  const invite = await pinnedLastCard();
  check((await invite.innerText()).includes('Your name will not be shown.'), 'publishing posts the invitation');

  await press(invite, '▶️ Start', 'Question 1 of 4');
  await pg.screenshot(path.join(shots, '03-question-1.png'));
  await press(invite, '👍 I like it', 'Question 2 of 4');
  await press(invite, "🙅 I don't want to answer", 'Question 3 of 4');
  await press(invite, '✅ Yes', 'Question 4 of 4');
  await dismissAll(); // dismissing re-renders the card: before typing, not after
  await pg.fillInCard('✏️ Write your answer', 'More games please.', { card: invite });
  await press(invite, '📨 Send my answer', 'Thank you!');
  await pg.screenshot(path.join(shots, '04-thanks.png'));
  check(true, 'answering in easy read, one question per card, ends with thanks');

  // Opting in (docs/groups.md): the thank-you card offers "🙋 I want to help more"; it explains what joining
  // means in easy read and offers Join; joining says so and offers Leave.
  check((await invite.innerText()).includes('I want to help more'), 'the thank-you card offers "🙋 I want to help more"');
  await press(invite, '🙋 I want to help more', 'Join Youth Forum');
  await pg.screenshot(path.join(shots, '04b-help-more.png'));
  await press(invite, '✅ Join Youth Forum', 'You joined Youth Forum');
  check((await invite.innerText()).includes('Leave Youth Forum'), 'Join records the opt-in; the card says so and offers Leave');
  await pg.screenshot(path.join(shots, '04c-joined.png'));

  await pg.send('surveys');
  const list = await pinnedLastCard();
  check((await list.innerText()).includes('1 response'), '"surveys" lists the survey with its responses');
  await press(list, 'Results', 'Results:');
  await pg.screenshot(path.join(shots, '05-results.png'));
  check((await list.innerText()).includes('More games please.'), 'the owner sees the results, with the written answer');

  await pg.send('survey export');
  const exported = await pinnedLastCard();
  check((await exported.innerText()).includes('1 person answered'), 'the export card arrives');
  // Action.OpenUrl: however the Playground opens it (a new page or window.open), catch the address.
  let link = '';
  const seen = (u: string) => {
    if (u.includes('/exports/')) link = u;
  };
  pg.page.context().on('request', (r) => seen(r.url()));
  pg.page.context().on('page', (p) => seen(p.url()));
  await pg.page.exposeFunction('__voiceloopOpened', seen).catch(() => undefined);
  await pg.page.evaluate(() => {
    const w = globalThis as unknown as { open: (u?: string) => unknown; __voiceloopOpened: (u: string) => void };
    w.open = (u?: string) => {
      w.__voiceloopOpened(String(u ?? ''));
      return null;
    };
  });
  await exported.getByText('Download CSV', { exact: true }).click();
  for (let i = 0; i < 50 && !link; i++) await new Promise((r) => setTimeout(r, 100));
  if (!link) await pg.screenshot(path.join(shots, 'export-failed.png'));
  check(link !== '', 'pressing Download CSV opens the export link');
  const csv = await (await fetch(link)).text();
  check(csv.includes('More games please.') && !csv.includes(pg.config.currentUser.name), `the CSV downloads with pseudonymous ids only (${new URL(link).pathname.slice(0, 24)}…)`);
  await pg.screenshot(path.join(shots, '06-export.png'));

  const welcome = await startSessionInGroup();
  check((await welcome.innerText()).includes('It is OK to stop at any time.'), 'the session posts the welcome and consent card');
  await pg.screenshot(path.join(shots, '07-welcome.png'));
  await pg.send('next', { waitForReply: false });
  await welcome.getByText('Question 1 of 4').waitFor({ timeout: 10_000 });
  check(true, '"next" moves everyone to question 1');
  await press(welcome, '👍 I like it', 'You chose: 👍 I like it.');
  await pg.screenshot(path.join(shots, '08-session-answer.png'));
  check(true, 'answering in the session shows my own answer');
  await pg.send('session end', { waitForReply: false });
  await welcome.getByText('Thank you for taking part!').waitFor({ timeout: 10_000 });
  await pg.screenshot(path.join(shots, '09-session-end.png'));
  check(true, '"session end" thanks everyone');

  // Safeguarding: a young person writes that they are not safe. They get the easy-read reply (it cannot
  // be kept secret, Childline), and the safeguarding lead (here the same Playground user) gets the alert 1:1.
  await pg.switchConversation('personal');
  const invite2 = await publishTemplateSurvey();
  await press(invite2, '▶️ Start', 'Question 1 of 4');
  await press(invite2, '👍 I like it', 'Question 2 of 4');
  await press(invite2, '👍 I like it', 'Question 3 of 4');
  await press(invite2, '✅ Yes', 'Question 4 of 4');
  await dismissAll();
  await pg.fillInCard('✏️ Write your answer', 'I do not feel safe at home.', { card: invite2 });
  count = await pg.botMessageCount();
  await press(invite2, '📨 Send my answer', 'Thank you!');
  await pg.waitForBotMessages(count + 2, 20_000);
  const texts = await pg.page.locator('.fai-OutputCard .ac-adaptiveCard:not(.ac-adaptiveCard *)').allInnerTexts();
  const recent = texts.slice(-3).join('\n');
  check(recent.includes('0800 1111'), 'the young person gets the easy-read reply with Childline');
  check(recent.includes('Safeguarding alert') && recent.includes('I do not feel safe at home.'), 'the safeguarding lead gets the alert 1:1 with what was written');
  await pg.screenshot(path.join(shots, '10-safeguarding.png'));

  // Delivery settings: the local user is an administrator in local mode, so the card is a form.
  await pg.send('delivery settings');
  const settings = await pinnedLastCard();
  check((await settings.innerText()).includes('weekdays 15:30–19:30; weekends 10:00–18:00'), '"delivery settings" shows the allowed hours of each group');
  await pg.fillInCard('Most survey requests per person', '3', { card: settings });
  await press(settings, 'Save settings', 'Saved. What changed:');
  check((await settings.innerText()).includes('Fatigue cap: 2 in 14 days → 3 in 14 days'), 'an administrator changes the fatigue cap on the card, and sees what changed');
  await pg.screenshot(path.join(shots, '11-delivery-settings.png'));

  // Issue #12: a disclosure of neglect the old list of exact phrases missed, typed the way a young
  // person types it. The reply, the alert naming its category, the lead's acknowledgement, and the
  // owner's results without the words.
  const disclosure = 'there is never any food in my house so i only eat at school';
  const invite3 = await publishTemplateSurvey();
  await press(invite3, '▶️ Start', 'Question 1 of 4');
  await press(invite3, '👍 I like it', 'Question 2 of 4');
  await press(invite3, '👍 I like it', 'Question 3 of 4');
  await press(invite3, '✅ Yes', 'Question 4 of 4');
  await dismissAll();
  await invite3.scrollIntoViewIfNeeded();
  await pg.screenshot(path.join(shots, '12-free-text-question.png'));
  await pg.fillInCard('✏️ Write your answer', disclosure, { card: invite3 });
  count = await pg.botMessageCount();
  await press(invite3, '📨 Send my answer', 'Thank you!');
  await pg.waitForBotMessages(count + 2, 20_000);
  const topCards = pg.page.locator('.fai-OutputCard .ac-adaptiveCard:not(.ac-adaptiveCard *)');
  const reply = topCards.filter({ hasText: 'Thank you for telling us' }).last();
  const replyText = await reply.innerText();
  check(
    replyText.includes('0800 1111') && replyText.includes('If you are in danger now, call 999.'),
    'a neglect disclosure in the free-text answer gets the easy-read reply (Childline, 999)'
  );
  // The alert is found by its words: the second survey's alert is also in this chat.
  const alert = topCards.filter({ hasText: 'Safeguarding alert' }).filter({ hasText: disclosure });
  check((await alert.count()) === 1, 'the safeguarding lead gets one alert 1:1 with what was written');
  const alertText = await alert.innerText();
  check(/Categor(?:y|ies): [^\n]*Neglect/.test(alertText), `the alert names the category (${alertText.split('\n').find((l) => l.startsWith('Categor')) ?? '?'})`);
  check(alertText.includes('Not yet acknowledged.'), 'the alert says nobody has acknowledged it yet');
  await reply.scrollIntoViewIfNeeded();
  await pg.screenshot(path.join(shots, '13-neglect-reply.png'));
  await alert.scrollIntoViewIfNeeded();
  await pg.screenshot(path.join(shots, '14-neglect-alert.png'));

  const lead = pg.config.currentUser.name;
  await press(alert, "I'm dealing with this", `Dealt with by ${lead} since`);
  const acknowledged = await alert.innerText();
  check(
    !acknowledged.includes('Not yet acknowledged.') && (await alert.getByRole('button', { name: "I'm dealing with this", exact: true }).count()) === 0,
    `the lead presses "I'm dealing with this" and the card shows it is dealt with (${acknowledged.split('\n').find((l) => l.startsWith('Dealt with by')) ?? '?'})`
  );
  await alert.scrollIntoViewIfNeeded();
  await pg.screenshot(path.join(shots, '15-neglect-acknowledged.png'));

  await pg.send('surveys');
  const list3 = await pinnedLastCard();
  // Newest first: the first Results button is the third survey's.
  await dismissAll();
  await list3.getByRole('button', { name: 'Results', exact: true }).first().click();
  await list3.getByText('Results:', { exact: false }).first().waitFor({ timeout: 10_000 });
  const results3 = await list3.innerText();
  check(results3.includes('1 person answered'), "the owner opens the third survey's results");
  check(
    results3.includes('An answer was passed to the safeguarding lead.') && results3.includes('1 answer was passed to the safeguarding lead. Its words are shown only to them.'),
    'the results show the withheld line in place of the answer'
  );
  check(!results3.includes(disclosure) && !/food|eat at school/i.test(results3), "the results show nothing of the disclosure's words");
  await list3.scrollIntoViewIfNeeded();
  await pg.screenshot(path.join(shots, '16-results-withheld.png'));

  // Issue #17: a recurring survey ("after each session"), its second round, and its trend chart. Other
  // people's answers are given through the service (the Playground has one user); each round needs at
  // least the suppression threshold of answers to be a point rather than a gap.
  await pg.switchConversation('personal');
  const invite4 = await publishTemplateSurvey();
  check((await invite4.innerText()).includes('How was today'), 'a fourth survey is published for the recurring series');
  await pg.send('survey repeat after each session');
  const repeat = await pinnedLastCard();
  check((await repeat.innerText()).includes('repeats after each session'), '"survey repeat after each session" makes it recur');
  await pg.screenshot(path.join(shots, '17-repeat.png'));
  const tenantId = pg.config.tenantId;
  const me = { tenantId, userId: pg.config.currentUser.id, aadObjectId: pg.config.currentUser.aadObjectId, name: pg.config.currentUser.name };
  const answerAs = async (surveyId: string, choices: number[]): Promise<void> => {
    const survey = await app.surveys.get(tenantId, surveyId);
    for (const [i, choice] of choices.entries()) {
      const person = { tenantId, userId: `29:smoke-${surveyId.slice(0, 8)}-${i}`, aadObjectId: randomUUID(), name: `Young person ${i + 1}` };
      await app.surveys.answer(tenantId, surveyId, person, { version: survey.version, questionId: 'q1', choice });
    }
  };
  const round1 = (await app.series.currentSeries(tenantId, me))?.rounds[0]?.surveyId ?? '';
  check(round1 !== '', 'the series starts with the published survey as round 1');
  await answerAs(round1, [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
  await startSessionInGroup();
  await pg.send('session end', { waitForReply: false });
  let round2 = '';
  for (let i = 0; i < 50 && !round2; i++) {
    round2 = (await app.series.currentSeries(tenantId, me))?.rounds[1]?.surveyId ?? '';
    if (!round2) await new Promise((r) => setTimeout(r, 200));
  }
  check(round2 !== '' && (await app.surveys.get(tenantId, round1)).status === 'closed', '"session end" closes round 1 and opens round 2');
  await answerAs(round2, [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
  await pg.switchConversation('personal');
  await pg.send('survey trend');
  const trend = await pinnedLastCard();
  const trendText = await trend.innerText();
  check(trendText.includes('Trend:') && trendText.includes('2 rounds'), '"survey trend" shows the series with its 2 rounds');
  await trend.getByText('Did you like today?', { exact: false }).first().scrollIntoViewIfNeeded();
  await pg.screenshot(path.join(shots, '18-trend.png'));
  check(!trendText.includes('Not shown (a gap)'), 'both rounds have enough answers to be points on the line (no gap)');
  check(/Round 1 · [^\n]*: 50% 👍 I like it/.test(trendText) || (await trend.locator('svg, canvas').count()) > 0, 'the trend is drawn as a line chart (or listed in words where charts are not drawn)');
});
