/**
 * `npm run safeguarding:eval`: recall per category and overall, and the false-positive rate, of the
 * safeguarding screen on each labelled set in test/safeguarding/. `--missed` lists what it missed and
 * what it flagged wrongly. Exits 1 when a target is not met (recall ≥ 97% in every category, false
 * positives ≤ 10%).
 */
import { HARM_CATEGORIES } from '../src/domain/safeguarding/harm-categories';
import { screenText } from '../src/domain/safeguarding/safeguarding';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FALSE_ALARMS_NOT_FLOORED, SETS, type SetName, TARGETS, UNSEEN_SETS, evaluate, loadSet, ratio } from '../test/safeguarding/evaluate';

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const showMissed = process.argv.includes('--missed');
let ok = true;
const unseen = UNSEEN_SETS.filter((name) => existsSync(join(__dirname, '../test/safeguarding', `${name}.json`)));
for (const name of [...SETS, ...unseen] as SetName[]) {
  const floored = (SETS as readonly string[]).includes(name);
  const items = loadSet(name);
  const started = performance.now();
  const e = evaluate(items);
  const perItem = (performance.now() - started) / items.length;
  if (!floored) console.log('\n(kept unseen: never tuned on, not under the floor; its figure is the honest one for new writing)');
  console.log(`\n${name}: ${e.items} items (${e.items - e.benign} disclosures, ${e.benign} benign controls), ${perItem.toFixed(3)} ms per answer`);
  for (const c of HARM_CATEGORIES) {
    const r = e.recall[c.id];
    const rate = ratio(r.caught, r.total);
    const met = rate >= TARGETS.recall;
    if (floored) ok &&= met;
    console.log(`  ${met ? ' ' : '!'} ${c.id.padEnd(20)} recall ${pct(rate).padStart(6)}  (${r.caught}/${r.total})`);
  }
  const fp = ratio(e.falsePositives.length, e.benign);
  if (floored && !FALSE_ALARMS_NOT_FLOORED.includes(name)) ok &&= fp <= TARGETS.falsePositives;
  console.log(
    `  overall recall ${pct(ratio(e.caught, e.items - e.benign))}; category named on ${pct(ratio(e.categoryNamed, e.caught))} of alerts (${e.categoryNamed}/${e.caught}; ` +
      `${e.namedByGuess} of them by the "possibly" guess, right on ${e.namedByGuess}/${e.netAlerts} net alerts; ${pct(ratio(e.categoryNamed - e.namedByGuess, e.caught))} without it)`
  );
  const rules = evaluate(items, { learnt: false });
  console.log(`    (rules without the learnt net: recall ${pct(ratio(rules.caught, rules.items - rules.benign))}, false positives ${pct(ratio(rules.falsePositives.length, rules.benign))})`);
  console.log(`  ${fp <= TARGETS.falsePositives ? ' ' : '!'} false positives ${pct(fp)} (${e.falsePositives.length}/${e.benign})`);
  // A set kept unseen never shows its items: looking at its misses would be tuning on it. `--unseen-too` to override.
  if (showMissed && (floored || process.argv.includes('--unseen-too'))) {
    for (const m of e.missed) console.log(`    MISSED [${m.category}] ${m.text}`);
    for (const f of e.falsePositives) console.log(`    FALSE ALARM ${f.text}  <= ${screenText(f.text).categories.join(",")}: ${screenText(f.text).matches.join(" / ")}`);
  }
}
console.log(ok ? '\nAll targets met (recall ≥ 97% in every category, false positives ≤ 10%).' : '\nA target is not met (marked !).');
process.exitCode = ok ? 0 : 1;
