/**
 * Builds the Teams app package: `npm run package` (or `tsx scripts/package-app.ts [--out <zip>]`).
 *
 * Reads appPackage/manifest.json, replaces each `${{NAME}}` placeholder with the environment variable
 * NAME (TEAMS_APP_ID, BOT_ID, BOT_DOMAIN today), validates the result against the Teams manifest JSON
 * schema bundled in @microsoft/app-manifest (never downloaded), and writes appPackage/build/appPackage.zip
 * holding manifest.json and the two icons at the zip root.
 *
 * Tests reuse `prepareManifest` (substitution + validation), `createZip` and `packageApp`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';

export type Env = Record<string, string | undefined>;
type JsonSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

export const ROOT_DIR = resolve(__dirname, '..');
export const APP_PACKAGE_DIR = join(ROOT_DIR, 'appPackage');
export const DEFAULT_ZIP_PATH = join(APP_PACKAGE_DIR, 'build', 'appPackage.zip');

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** Raised when the package cannot be built; `problems` lists every reason at once. */
export class ManifestError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cannot build the Teams app package:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ManifestError';
  }
}

/** The names of all `${{NAME}}` placeholders used anywhere in a JSON value, sorted. */
export function listPlaceholders(value: unknown): string[] {
  const names = new Set<string>();
  visitStrings(value, (text) => {
    for (const match of text.matchAll(PLACEHOLDER)) names.add(match[1] as string);
    return text;
  });
  return [...names].sort();
}

/**
 * Returns a copy of a JSON value with every `${{NAME}}` replaced by `env.NAME`. Values are substituted
 * into parsed strings, never into JSON text, so a value cannot change the manifest's structure.
 * Throws ManifestError naming every missing variable, and every known one whose value is malformed.
 */
export function substitutePlaceholders<T>(value: T, env: Env): T {
  const problems: string[] = [];
  const names = listPlaceholders(value);
  const missing = names.filter((name) => !env[name]?.trim());
  for (const name of missing) problems.push(`environment variable ${name} is not set (the manifest uses \${{${name}}})`);
  for (const name of names) {
    const raw = env[name]?.trim();
    if (!raw) continue;
    if ((name === 'TEAMS_APP_ID' || name === 'BOT_ID') && !GUID.test(raw)) {
      problems.push(`${name} must be a GUID such as 00000000-0000-0000-0000-000000000000 (got "${raw}")`);
    }
    if (name === 'BOT_DOMAIN' && !HOST_NAME.test(raw)) {
      problems.push(`BOT_DOMAIN must be a bare host name such as voiceloop-dev.azurewebsites.net, without https:// or a path (got "${raw}")`);
    }
  }
  if (problems.length > 0) throw new ManifestError(problems);
  return visitStrings(value, (text) => text.replace(PLACEHOLDER, (_match, name: string) => (env[name] ?? '').trim())) as T;
}

function visitStrings(value: unknown, map: (text: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((item) => visitStrings(item, map));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, visitStrings(item, map)]));
  }
  return value;
}

/**
 * Finds the JSON schema for a manifest inside the installed @microsoft/app-manifest package, from the
 * manifest's `$schema` URL (which must match its `manifestVersion`). Never goes to the network: an
 * unbundled version is an error telling you to upgrade the package.
 */
export function bundledSchemaPath(manifest: Record<string, unknown>): string {
  const schemaUrl = manifest.$schema;
  const version = manifest.manifestVersion;
  if (typeof schemaUrl !== 'string' || typeof version !== 'string') {
    throw new ManifestError(['the manifest needs both "$schema" and "manifestVersion"']);
  }
  const match = /\/json-schemas\/teams\/(v[0-9A-Za-z.]+)\/MicrosoftTeams\.schema\.json$/.exec(schemaUrl);
  if (!match) {
    throw new ManifestError([`"$schema" must be a Teams manifest schema URL on developer.microsoft.com (got "${schemaUrl}")`]);
  }
  const folder = match[1] as string;
  const expected = version === 'devPreview' ? 'vDevPreview' : `v${version}`;
  if (folder !== expected) {
    throw new ManifestError([`"$schema" points at ${folder} but "manifestVersion" is "${version}"`]);
  }
  const packageBuildDir = dirname(require.resolve('@microsoft/app-manifest'));
  const file = join(packageBuildDir, 'json-schemas', 'teams', folder, 'MicrosoftTeams.schema.json');
  if (!existsSync(file)) {
    throw new ManifestError([
      `the installed @microsoft/app-manifest does not bundle the schema for manifest version ${version}; upgrade it`
    ]);
  }
  return file;
}

/** Validates a manifest (placeholders already substituted) against its bundled schema; [] when valid. */
export async function validateManifest(manifest: Record<string, unknown>): Promise<string[]> {
  // Same clean-up as the Agents Toolkit applies before parsing: a few schema regexes use \a and \v.
  const text = readFileSync(bundledSchemaPath(manifest), 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  const schema = JSON.parse(text) as JsonSchema;
  return AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest, schema);
}

/** Substitutes placeholders from `env` and validates the result; throws ManifestError when invalid. */
export async function prepareManifest(template: unknown, env: Env): Promise<Record<string, unknown>> {
  if (template === null || typeof template !== 'object' || Array.isArray(template)) {
    throw new ManifestError(['the manifest must be a JSON object']);
  }
  const manifest = substitutePlaceholders(template as Record<string, unknown>, env);
  const errors = await validateManifest(manifest);
  if (errors.length > 0) throw new ManifestError(errors.map((error) => `schema: ${error.trim()}`));
  return manifest;
}

export function readManifestTemplate(appPackageDir = APP_PACKAGE_DIR): unknown {
  const file = join(appPackageDir, 'manifest.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw new ManifestError([`cannot read ${file}: ${(error as Error).message}`]);
  }
}

export interface ZipEntry {
  /** Path inside the zip, with forward slashes. */
  name: string;
  data: Buffer;
}

// 1980-01-01 00:00 in MS-DOS format: a fixed timestamp keeps the package byte-for-byte reproducible.
const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1;

/** Writes a zip archive (deflated, or stored when deflating does not help). */
export function createZip(entries: readonly ZipEntry[]): Buffer {
  const localParts: Buffer[] = [];
  const centralParts: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const deflated = deflateRawSync(entry.data, { level: 9 });
    const stored = deflated.length >= entry.data.length;
    const body = stored ? entry.data : deflated;
    const method = stored ? 0 : 8;
    const crc = crc32(entry.data);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed to extract: 2.0
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28); // no extra field
    localParts.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: 2.0, MS-DOS attributes
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk number, internal and external attributes stay 0
    central.writeUInt32LE(offset, 42);
    centralParts.push(central, name);

    offset += local.length + name.length + body.length;
  }
  const centralDirectory = Buffer.concat(centralParts);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...localParts, centralDirectory, end]);
}

export interface PackageOptions {
  env: Env;
  appPackageDir?: string;
  outFile?: string;
}

/** Builds and writes the app package; returns where it went and the manifest it contains. */
export async function packageApp(options: PackageOptions): Promise<{ outFile: string; manifest: Record<string, unknown> }> {
  const appPackageDir = options.appPackageDir ?? APP_PACKAGE_DIR;
  const outFile = options.outFile ?? DEFAULT_ZIP_PATH;
  const manifest = await prepareManifest(readManifestTemplate(appPackageDir), options.env);

  const icons = manifest.icons as { color: string; outline: string };
  const problems: string[] = [];
  const iconEntries: ZipEntry[] = [];
  for (const icon of [icons.color, icons.outline]) {
    const file = join(appPackageDir, icon);
    if (basename(icon) !== icon) problems.push(`icon "${icon}" must be a file name at the package root`);
    else if (!existsSync(file)) problems.push(`icon ${file} does not exist (run npx tsx scripts/make-icons.ts)`);
    else iconEntries.push({ name: icon, data: readFileSync(file) });
  }
  if (problems.length > 0) throw new ManifestError(problems);

  const zip = createZip([{ name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') }, ...iconEntries]);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, zip);
  return { outFile, manifest };
}

function parseArgs(argv: readonly string[]): { outFile?: string } {
  const index = argv.indexOf('--out');
  if (index === -1) return {};
  const value = argv[index + 1];
  if (!value) throw new ManifestError(['--out needs a file path']);
  return { outFile: resolve(value) };
}

async function main(): Promise<void> {
  try {
    const { outFile } = await packageApp({ env: process.env, ...parseArgs(process.argv.slice(2)) });
    console.log(`Teams app package written to ${outFile}`);
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}

if (require.main === module) {
  void main();
}
