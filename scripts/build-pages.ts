/**
 * `npm run build:pages`: bundles the meeting pages (src/pages/, docs/meetings.md) with esbuild into
 * dist/pages/, beside their HTML and CSS, and prints what a first load costs (bytes and gzip).
 */
import { copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export const PAGES_SRC = path.resolve(__dirname, '../src/pages');
export const PAGES_OUT = path.resolve(__dirname, '../dist/pages');
const ENTRIES = ['panel', 'stage', 'configure'];

/** Builds the pages; returns each page's first-load size (HTML + CSS + its script). */
export async function buildPages(out = PAGES_OUT): Promise<{ page: string; bytes: number; gzip: number }[]> {
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: ENTRIES.map((e) => path.join(PAGES_SRC, `${e}.ts`)),
    outdir: out,
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020'],
    legalComments: 'none',
    logLevel: 'warning'
  });
  for (const file of readdirSync(PAGES_SRC)) if (file.endsWith('.html') || file.endsWith('.css')) copyFileSync(path.join(PAGES_SRC, file), path.join(out, file));
  return ENTRIES.map((page) => {
    const files = [`${page}.html`, 'pages.css', `${page}.js`].map((f) => readFileSync(path.join(out, f)));
    return { page, bytes: files.reduce((n, f) => n + f.length, 0), gzip: files.reduce((n, f) => n + gzipSync(f).length, 0) };
  });
}

if (require.main === module) {
  buildPages()
    .then((sizes) => {
      for (const s of sizes) process.stdout.write(`meeting page ${s.page.padEnd(9)} first load ${(s.bytes / 1024).toFixed(1)} KiB (${(s.gzip / 1024).toFixed(1)} KiB gzip)\n`);
    })
    .catch((error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    });
}
