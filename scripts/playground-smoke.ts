/**
 * `npm run smoke:playground`: the quick-poll flow as a person sees it, in the real Microsoft 365 Agents
 * Playground driven by headless Chromium (Debian's /usr/bin/chromium: `apt-get install chromium`).
 * Starts its own bot and Playground on free ports, then: welcome card → `poll` → fill in the form →
 * Post poll → vote → change the vote → close → final chart. Screenshots go to .data/playground-smoke/.
 * Not part of `npm test` (it needs a browser).
 */
import { runPlaygroundSmoke } from './playground-harness';

runPlaygroundSmoke('Poll smoke', '.data/playground-smoke', async ({ pg, pinnedLastCard, dismissAll, check, shot }) => {
  await pg.waitForBotMessages(1, 20_000);
  check((await pg.lastBotCard().innerText()).includes('Welcome to VoiceLoop'), 'the welcome card arrives on install');
  await shot('01-welcome.png');

  await pg.send('poll');
  await pg.waitForBotMessages(2);
  check((await pg.lastBotCard().innerText()).includes('Create a quick poll'), '"poll" shows the form');
  const formCard = await pinnedLastCard();
  await pg.fillInCard('Question', 'Which day suits the next session?', { card: formCard });
  await pg.fillInCard('Options: one per line, from 2 to 10', 'Monday\nWednesday\nFriday', { card: formCard });
  await shot('02-form.png');
  await pg.clickCardButton('Post poll', { card: formCard, waitForStatus: false });
  await pg.waitForBotMessages(3);
  await formCard.getByText('Poll posted').waitFor({ timeout: 10_000 });
  check(true, 'posting replaces the form with a confirmation');
  const pollCard = await pinnedLastCard();
  check((await pollCard.innerText()).includes('Which day suits the next session?'), 'the poll card is posted');
  await shot('03-poll.png');

  await pg.chooseInCard('Your answer', 'Wednesday', { card: pollCard });
  await pg.clickCardButton('Vote', { card: pollCard });
  await pollCard.getByText('You chose: Wednesday').waitFor({ timeout: 10_000 }).catch(() => undefined);
  check((await pollCard.innerText()).includes('You chose: Wednesday'), 'voting shows my choice');
  await shot('04-voted.png');

  await dismissAll();
  await pg.chooseInCard('Your answer', 'Friday', { card: pollCard });
  await pg.clickCardButton('Change my vote', { card: pollCard });
  await pollCard.getByText('You chose: Friday').waitFor({ timeout: 10_000 }).catch(() => undefined);
  const changed = await pollCard.innerText();
  check(changed.includes('You chose: Friday') && changed.includes('1 person has voted.'), 'changing my vote keeps one vote');

  await pg.clickCardButton('Close poll', { card: pollCard });
  await pollCard.getByText('Closed', { exact: false }).first().waitFor({ timeout: 10_000 }).catch(() => undefined);
  const closed = await pollCard.innerText();
  await shot('05-closed.png');
  check(closed.includes('Closed'), 'the author closes the poll');
  check(closed.includes('Friday') && !closed.includes('Close poll'), 'the final result shows, with nothing left to press');
});
