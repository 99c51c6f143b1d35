/**
 * The Teams app package: manifest.json validated offline against the schema bundled in
 * @microsoft/app-manifest, the icons Teams insists on, and the zip that `npm run package` writes.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { crc32, inflateRawSync, inflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_PACKAGE_DIR,
  ManifestError,
  ROOT_DIR,
  bundledSchemaPath,
  createZip,
  listPlaceholders,
  packageApp,
  prepareManifest,
  readManifestTemplate,
  validateManifest
} from '../scripts/package-app';
import { encodePng, makeIcons } from '../scripts/make-icons';

const SAMPLE_ENV = {
  TEAMS_APP_ID: '3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b',
  BOT_ID: '9d8c7b6a-5f4e-4d3c-8b2a-0f1e2d3c4b5a',
  BOT_DOMAIN: 'voiceloop-test.azurewebsites.net'
};
const SCOPES = ['personal', 'groupChat', 'team'] as const;

type Json = Record<string, unknown>;
interface BotCommand {
  title: string;
  description?: string;
}
interface CommandList {
  scopes: string[];
  commands: BotCommand[];
}
interface Bot {
  botId: string;
  scopes: string[];
  supportsFiles?: boolean;
  isNotificationOnly?: boolean;
  commandLists: CommandList[];
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

// ---------- PNG reading (enough of the format to check what Teams checks) ----------

interface Png {
  width: number;
  height: number;
  /** Straight RGBA, 4 bytes per pixel. */
  rgba: Buffer;
}

function pngChunks(file: Buffer): { type: string; data: Buffer }[] {
  expect(file.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const chunks: { type: string; data: Buffer }[] = [];
  let offset = 8;
  while (offset < file.length) {
    const length = file.readUInt32BE(offset);
    const type = file.toString('latin1', offset + 4, offset + 8);
    const data = file.subarray(offset + 8, offset + 8 + length);
    expect(file.readUInt32BE(offset + 8 + length), `CRC of ${type}`).toBe(crc32(file.subarray(offset + 4, offset + 8 + length)));
    chunks.push({ type, data });
    offset += 12 + length;
  }
  return chunks;
}

function pngSize(file: Buffer): { width: number; height: number } {
  const header = pngChunks(file)[0];
  expect(header?.type).toBe('IHDR');
  return { width: header!.data.readUInt32BE(0), height: header!.data.readUInt32BE(4) };
}

/** Decodes an 8-bit, non-interlaced PNG of any colour type into RGBA. */
function decodePng(file: Buffer): Png {
  const chunks = pngChunks(file);
  const header = chunks[0]!.data;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const [bitDepth, colourType, , , interlace] = [header[8], header[9], header[10], header[11], header[12]];
  expect(bitDepth, 'bit depth').toBe(8);
  expect(interlace, 'interlace').toBe(0);
  const channels = ({ 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as Record<number, number>)[colourType!];
  expect(channels, `colour type ${colourType}`).toBeDefined();
  const palette = chunks.find((c) => c.type === 'PLTE')?.data;
  const transparency = chunks.find((c) => c.type === 'tRNS')?.data;

  const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const bpp = channels!;
  const stride = width * bpp;
  expect(raw.length).toBe((stride + 1) * height);
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x]!;
      const left = x >= bpp ? pixels[y * stride + x - bpp]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const upLeft = x >= bpp && y > 0 ? pixels[(y - 1) * stride + x - bpp]! : 0;
      let predictor: number;
      switch (filter) {
        case 0:
          predictor = 0;
          break;
        case 1:
          predictor = left;
          break;
        case 2:
          predictor = up;
          break;
        case 3:
          predictor = (left + up) >> 1;
          break;
        case 4: {
          const p = left + up - upLeft;
          const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
          predictor = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
          break;
        }
        default:
          throw new Error(`unknown PNG filter ${filter} on row ${y}`);
      }
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }

  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const p = pixels.subarray(i * bpp, i * bpp + bpp);
    let out: [number, number, number, number];
    switch (colourType) {
      case 0:
        out = [p[0]!, p[0]!, p[0]!, 255];
        break;
      case 2:
        out = [p[0]!, p[1]!, p[2]!, 255];
        break;
      case 3:
        out = [palette![p[0]! * 3]!, palette![p[0]! * 3 + 1]!, palette![p[0]! * 3 + 2]!, transparency?.[p[0]!] ?? 255];
        break;
      case 4:
        out = [p[0]!, p[0]!, p[0]!, p[1]!];
        break;
      default:
        out = [p[0]!, p[1]!, p[2]!, p[3]!];
    }
    rgba.set(out, i * 4);
  }
  return { width, height, rgba };
}

/** Pixels that Teams would reject in an outline icon: anything visible that is not pure white. */
function outlineOffenders({ width, rgba }: Png): string[] {
  const offenders: string[] = [];
  for (let i = 0; i < rgba.length; i += 4) {
    const [r, g, b, a] = [rgba[i]!, rgba[i + 1]!, rgba[i + 2]!, rgba[i + 3]!];
    if (a !== 0 && (r !== 255 || g !== 255 || b !== 255)) {
      offenders.push(`(${(i / 4) % width},${Math.floor(i / 4 / width)})=${r},${g},${b},${a}`);
    }
  }
  return offenders;
}

// ---------- zip reading (independent of the writer: central directory → local headers → inflate) ----------

function readZip(zip: Buffer): Map<string, Buffer> {
  const endOffset = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(endOffset, 'end of central directory record').toBeGreaterThanOrEqual(0);
  const count = zip.readUInt16LE(endOffset + 10);
  let offset = zip.readUInt32LE(endOffset + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(offset), 'central directory signature').toBe(0x02014b50);
    const method = zip.readUInt16LE(offset + 10);
    const crc = zip.readUInt32LE(offset + 16);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);

    expect(zip.readUInt32LE(localOffset), `local header of ${name}`).toBe(0x04034b50);
    const localNameLength = zip.readUInt16LE(localOffset + 26);
    const localExtraLength = zip.readUInt16LE(localOffset + 28);
    expect(zip.toString('utf8', localOffset + 30, localOffset + 30 + localNameLength)).toBe(name);
    const start = localOffset + 30 + localNameLength + localExtraLength;
    const body = zip.subarray(start, start + compressedSize);
    expect([0, 8], `compression method of ${name}`).toContain(method);
    const data = method === 8 ? inflateRawSync(body) : Buffer.from(body);
    expect(data.length, `size of ${name}`).toBe(size);
    expect(crc32(data), `CRC of ${name}`).toBe(crc);
    files.set(name, data);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

// ---------- tests ----------

describe('appPackage/manifest.json', () => {
  const template = readManifestTemplate() as Json;

  it('is on Teams manifest schema 1.19 or later, bundled in @microsoft/app-manifest', () => {
    const version = template.manifestVersion as string;
    const [major, minor] = version.split('.').map(Number);
    expect(major).toBe(1);
    expect(minor).toBeGreaterThanOrEqual(19);
    expect(template.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`);
    const schemaFile = bundledSchemaPath(template);
    expect(schemaFile).toContain(join('node_modules', '@microsoft', 'app-manifest'));
    expect(schemaFile).toContain(`v${version}`);
  });

  it('uses exactly the Agents Toolkit placeholders TEAMS_APP_ID, BOT_ID and BOT_DOMAIN', () => {
    expect(listPlaceholders(template)).toEqual(['BOT_DOMAIN', 'BOT_ID', 'TEAMS_APP_ID']);
    expect(template.id).toBe('${{TEAMS_APP_ID}}');
    expect(template.validDomains).toEqual(['${{BOT_DOMAIN}}']);
  });

  it('validates against the bundled schema once placeholders are filled in', async () => {
    const manifest = await prepareManifest(template, SAMPLE_ENV);
    expect(await validateManifest(manifest)).toEqual([]);
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(manifest.id).toBe(SAMPLE_ENV.TEAMS_APP_ID);
    expect((manifest.bots as Bot[])[0]!.botId).toBe(SAMPLE_ENV.BOT_ID);
    expect((manifest.composeExtensions as { botId: string }[])[0]!.botId).toBe(SAMPLE_ENV.BOT_ID);
    expect(manifest.validDomains).toEqual([SAMPLE_ENV.BOT_DOMAIN]);
  });

  it('reports schema violations (the validator is not a rubber stamp)', async () => {
    const manifest = await prepareManifest(template, SAMPLE_ENV);
    const broken = clone(manifest);
    (broken.description as Json).short = 'x'.repeat(81);
    const added = (broken.bots as Bot[])[0]!.commandLists[0]!.commands.push({ description: 'no title' } as BotCommand) - 1;
    broken.accentColor = 'navy';
    const errors = await validateManifest(broken);
    expect(errors.some((e) => e.startsWith('/description/short'))).toBe(true);
    expect(errors.some((e) => e.startsWith(`/bots/0/commandLists/0/commands/${added}`) && e.includes('title'))).toBe(true);
    expect(errors.some((e) => e.startsWith('/accentColor'))).toBe(true);
    await expect(prepareManifest({ ...template, accentColor: 'navy' }, SAMPLE_ENV)).rejects.toThrow(/accentColor/);
  });

  it('names every missing or malformed variable at once', async () => {
    const missing = await prepareManifest(template, {}).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(ManifestError);
    const problems = (missing as ManifestError).problems.join('\n');
    for (const name of ['TEAMS_APP_ID', 'BOT_ID', 'BOT_DOMAIN']) expect(problems).toContain(`${name} is not set`);

    const malformed = await prepareManifest(template, { ...SAMPLE_ENV, BOT_ID: 'not-a-guid', BOT_DOMAIN: 'https://x.example/api' }).catch(
      (error: unknown) => error
    );
    expect((malformed as ManifestError).problems).toEqual([
      expect.stringContaining('BOT_DOMAIN must be a bare host name'),
      expect.stringContaining('BOT_ID must be a GUID')
    ]);
  });

  it('offers the help and poll commands in every bot scope', () => {
    const bots = template.bots as Bot[];
    expect(bots).toHaveLength(1);
    const bot = bots[0]!;
    expect([...bot.scopes].sort()).toEqual([...SCOPES].sort());
    expect(bot.supportsFiles).toBe(true);
    expect(bot.isNotificationOnly).toBe(false);
    for (const scope of SCOPES) {
      const commands = bot.commandLists.filter((list) => list.scopes.includes(scope)).flatMap((list) => list.commands);
      expect(commands, scope).toEqual(
        expect.arrayContaining([
          { title: 'help', description: 'Show what VoiceLoop can do' },
          { title: 'poll', description: 'Create a quick poll' }
        ])
      );
    }
  });

  it('declares a messaging extension on the same bot, plus the identity permissions and accent colour', () => {
    const [extension] = template.composeExtensions as { botId: string; commands: { id: string; context: string[] }[] }[];
    expect(extension!.botId).toBe('${{BOT_ID}}');
    expect(extension!.commands.find((c) => c.id === 'search')?.context).toEqual(['compose', 'commandBox']);
    expect(template.permissions).toEqual(['identity', 'messageTeamMembers']);
    expect(template.accentColor).toBe('#2E5E8C');
    expect((template.name as Json).short).toBe('VoiceLoop');
  });
});

describe('app icons', () => {
  it('has a 192×192 colour icon in full colour', () => {
    const file = readFileSync(join(APP_PACKAGE_DIR, 'color.png'));
    expect(pngSize(file)).toEqual({ width: 192, height: 192 });
    const { rgba } = decodePng(file);
    const colours = new Set<string>();
    for (let i = 0; i < rgba.length; i += 4) {
      expect(rgba[i + 3], 'colour icon is opaque').toBe(255);
      colours.add(rgba.subarray(i, i + 3).toString('hex'));
    }
    expect(colours.has('2e5e8c'), 'accent colour present').toBe(true);
    expect(colours.has('ffffff'), 'white symbol present').toBe(true);
  });

  it('has a 32×32 outline icon that is only white on transparent', () => {
    const file = readFileSync(join(APP_PACKAGE_DIR, 'outline.png'));
    expect(pngSize(file)).toEqual({ width: 32, height: 32 });
    const png = decodePng(file);
    expect(outlineOffenders(png)).toEqual([]);
    let opaque = 0;
    let transparent = 0;
    for (let i = 3; i < png.rgba.length; i += 4) {
      if (png.rgba[i] === 255) opaque++;
      if (png.rgba[i] === 0) transparent++;
    }
    // A blank or fully white square would pass the colour check; the symbol must actually be there.
    expect(opaque).toBeGreaterThan(100);
    expect(transparent).toBeGreaterThan(100);
  });

  it('the outline check catches a single off-white pixel', () => {
    const rgba = Buffer.alloc(4 * 4 * 4, 0);
    for (let i = 0; i < rgba.length; i += 4) rgba.set([255, 255, 255, i % 8 === 0 ? 255 : 0], i);
    expect(outlineOffenders(decodePng(encodePng(4, 4, rgba)))).toEqual([]);
    rgba.set([250, 255, 255, 128], 5 * 4);
    expect(outlineOffenders(decodePng(encodePng(4, 4, rgba)))).toEqual(['(1,1)=250,255,255,128']);
  });

  it('are what scripts/make-icons.ts draws (regenerate them with npx tsx scripts/make-icons.ts)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'voiceloop-icons-'));
    try {
      const written = makeIcons(dir);
      expect(readFileSync(written.color).equals(readFileSync(join(APP_PACKAGE_DIR, 'color.png')))).toBe(true);
      expect(readFileSync(written.outline).equals(readFileSync(join(APP_PACKAGE_DIR, 'outline.png')))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run package', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'voiceloop-package-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes a zip holding manifest.json, color.png and outline.png at its root', async () => {
    const outFile = join(dir, 'appPackage.zip');
    const { manifest } = await packageApp({ env: SAMPLE_ENV, outFile });
    const files = readZip(readFileSync(outFile));
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const packaged = JSON.parse(files.get('manifest.json')!.toString('utf8')) as Json;
    expect(packaged).toEqual(manifest);
    expect(packaged.id).toBe(SAMPLE_ENV.TEAMS_APP_ID);
    expect(await validateManifest(packaged)).toEqual([]);
    expect(files.get('color.png')!.equals(readFileSync(join(APP_PACKAGE_DIR, 'color.png')))).toBe(true);
    expect(files.get('outline.png')!.equals(readFileSync(join(APP_PACKAGE_DIR, 'outline.png')))).toBe(true);
  });

  it('zips stored and deflated entries that read back byte for byte', () => {
    const text = Buffer.from('VoiceLoop '.repeat(200));
    const noise = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 151 + 7) % 256));
    const files = readZip(createZip([{ name: 'a.txt', data: text }, { name: 'dir/b.bin', data: noise }, { name: 'empty', data: Buffer.alloc(0) }]));
    expect(files.get('a.txt')).toEqual(text);
    expect(files.get('dir/b.bin')).toEqual(noise);
    expect(files.get('empty')).toEqual(Buffer.alloc(0));
  });

  const runScript = (env: NodeJS.ProcessEnv, args: string[] = []) =>
    promisify(execFile)(process.execPath, [require.resolve('tsx/cli'), join(ROOT_DIR, 'scripts', 'package-app.ts'), ...args], {
      cwd: ROOT_DIR,
      env
    });

  it('fails from the command line naming each missing variable', async () => {
    const env = { ...process.env };
    for (const name of Object.keys(SAMPLE_ENV)) delete env[name];
    const failure = await runScript(env, ['--out', join(dir, 'never.zip')]).then(
      () => undefined,
      (error: { code?: number; stderr?: string }) => error
    );
    expect(failure?.code).toBe(1);
    for (const name of Object.keys(SAMPLE_ENV)) expect(failure?.stderr).toContain(`${name} is not set`);
  });

  it('succeeds from the command line when the variables are set', async () => {
    const outFile = join(dir, 'cli.zip');
    const { stdout } = await runScript({ ...process.env, ...SAMPLE_ENV }, ['--out', outFile]);
    expect(stdout).toContain(outFile);
    expect([...readZip(readFileSync(outFile)).keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
  });
});
