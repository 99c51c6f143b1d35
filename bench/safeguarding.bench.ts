/**
 * The safeguarding screen's cost per answer (issue 12: "well under a millisecond per answer"). Every
 * labelled answer in test/safeguarding/ (a thousand, short and long, misspelt and plain) is screened
 * with `screenText` as the answer path calls it, after one warm-up pass (rules compiled, model loaded,
 * as in a running bot). Beside it, in the same run, the baseline: the work every answer already costs
 * before screening (`normalizeForScreening`, the text folded and split), so the ratio stays
 * comparable on a noisy machine. Median of 5 rounds, alternating which side goes first.
 * Target: p99 per answer under 1 ms. Run: `npx tsx bench/safeguarding.bench.ts` (or `npm run bench -- safeguarding`).
 */
import { normalizeForScreening, screenText } from '../src/domain/safeguarding/safeguarding';
import { SETS, loadSet } from '../test/safeguarding/evaluate';

const texts = SETS.flatMap((name) => loadSet(name).map((i) => i.text));
const quick = process.argv.includes('--quick');
const rounds = quick ? 3 : 5;

function timeEach(fn: (text: string) => unknown): number[] {
  const times: number[] = [];
  for (const text of texts) {
    const started = process.hrtime.bigint();
    fn(text);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times.sort((a, b) => a - b);
}
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const pct = (xs: number[], p: number): number => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] as number;
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const coldStart = process.hrtime.bigint();
screenText('warm up: rules compiled and the English model loaded, as in a running bot');
const coldMs = Number(process.hrtime.bigint() - coldStart) / 1e6;
texts.forEach((t) => screenText(t));

const screenMeans: number[] = [];
const screenP99s: number[] = [];
const baseMeans: number[] = [];
for (let r = 0; r < rounds; r++) {
  const sides = [() => timeEach((t) => screenText(t)), () => timeEach((t) => normalizeForScreening(t).split(' '))];
  const [first, second] = r % 2 === 0 ? sides : [...sides].reverse();
  const a = (first as () => number[])();
  const b = (second as () => number[])();
  const [screen, base] = r % 2 === 0 ? [a, b] : [b, a];
  screenMeans.push(mean(screen));
  screenP99s.push(pct(screen, 0.99));
  baseMeans.push(mean(base));
}
const m = median(screenMeans);
const p99 = median(screenP99s);
const base = median(baseMeans);
console.log(`${texts.length} answers × ${rounds} rounds; first call (compile + model) ${coldMs.toFixed(0)} ms`);
console.log(`screen:   mean ${(m * 1000).toFixed(0)} µs, p99 ${(p99 * 1000).toFixed(0)} µs per answer`);
console.log(`baseline: mean ${(base * 1000).toFixed(1)} µs per answer (fold and split only)`);
console.log(`ratio screen / baseline: ${(m / base).toFixed(1)}×`);
const ok = p99 < 1;
console.log(ok ? 'PASS: p99 under 1 ms per answer' : 'FAIL: p99 is not under 1 ms per answer');
process.exitCode = ok ? 0 : 1;
