/**
 * `npm run bench [-- --quick] [name…]`: runs every bench/*.bench.ts (or those named), each in its own
 * process, one after another, and fails if any of them fails. Benches are not part of `npm test`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const dir = __dirname;
const args = process.argv.slice(2);
const flags = args.filter((a) => a.startsWith('--'));
const names = args.filter((a) => !a.startsWith('--'));
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => names.length === 0 || names.some((n) => f.startsWith(n)))
  .sort();

if (benches.length === 0) {
  process.stderr.write(`no bench matches ${names.join(', ')}\n`);
  process.exit(1);
}
let failed = 0;
for (const file of benches) {
  process.stdout.write(`\n=== ${file} ${flags.join(' ')}\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, file), ...flags], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    process.stdout.write(`=== ${file} FAILED (exit ${result.status ?? result.signal})\n`);
  }
}
process.exit(failed > 0 ? 1 : 0);
