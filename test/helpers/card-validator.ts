/**
 * Adaptive Card validation for tests.
 *
 * Cards are parsed with the official `adaptivecards` package (the same object
 * model the Adaptive Cards designer uses) and every parse-time and
 * validation-time event is reported as an error, plus a few checks the
 * library does not make on its own but Teams relies on:
 *
 * - `type` must be `"AdaptiveCard"`, `$schema` (if present) must be the
 *   Adaptive Cards schema, and `version` must be present and `"1.5"` or lower
 *   (Teams desktop/mobile render up to 1.5).
 * - every `Action.Execute` (anywhere, including `refresh.action`) needs a
 *   non-empty `verb` - the bot routes `adaptiveCard/action` invokes by verb.
 * - required properties from the Adaptive Cards schema that the library's
 *   parser silently accepts when missing (e.g. `TextBlock.text`, `Image.url`).
 *
 * Teams chart elements (`Chart.Donut`, `Chart.VerticalBar`, ... - any type name
 * starting with `Chart.`) are unknown to the `adaptivecards` library. The
 * "unknown element type" events they cause are allowed (reported in
 * `allowed`, not `errors`); their `fallback`, if any, is still parsed and
 * validated like any other element.
 *
 * Loading note: the package's `main` (`lib/adaptivecards.js`) is ES-module
 * syntax in a package without `"type": "module"`, so it cannot be `require`d
 * from CommonJS. The UMD bundle `dist/adaptivecards.js` can, and parsing needs
 * no DOM (`window`/`document` are only touched when rendering), so no shim is
 * needed.
 *
 * @module
 */
import { createRequire } from 'node:module';
import type * as AdaptiveCardsTypes from 'adaptivecards';
import type { Activity, Attachment } from 'botbuilder';

type AdaptiveCardsModule = typeof AdaptiveCardsTypes;

const AC = createRequire(__filename)('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsModule;

/** MIME type of an Adaptive Card attachment / invoke response. */
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** Highest card version Teams clients render. */
export const MAX_TEAMS_CARD_VERSION = '1.5';

/** A JSON object - the shape an Adaptive Card payload has before validation. */
export type JsonObject = { [key: string]: unknown };

/**
 * An Adaptive Card payload (loosely typed: only the fields the validator
 * guarantees after a successful {@link expectValidCard}).
 */
export interface AdaptiveCardJson extends JsonObject {
  type: 'AdaptiveCard';
  version: string;
  $schema?: string;
  body?: JsonObject[];
  actions?: JsonObject[];
}

/** Names of `adaptivecards` `ValidationEvent` enum members, e.g. `"UnknownElementType"`. */
export type ValidationEventName = keyof typeof AdaptiveCardsTypes.ValidationEvent;

/** Options for {@link validateCard}. */
export interface CardValidationOptions {
  /**
   * Highest allowed `version` (and the target version for the library's
   * serialization context, so 1.6-only elements/properties are reported).
   * Default `"1.5"`.
   */
  maxVersion?: '1.0' | '1.1' | '1.2' | '1.3' | '1.4' | '1.5';
  /**
   * Library events that are not errors. Default `['Hint']` (the library's only
   * hint is "don't mix weighted and stretch columns in one ColumnSet").
   * Pass e.g. `['Hint', 'RequiredInputsShouldHaveLabel']` to relax more.
   */
  ignoreEvents?: ValidationEventName[];
  /**
   * Element type-name prefixes whose "unknown element" events are allowed.
   * Default `['Chart.']` (Teams charts).
   */
  allowedUnknownTypePrefixes?: string[];
}

/** Result of {@link validateCard}. */
export interface CardValidationResult {
  /** Human-readable problems; empty when the card is valid. */
  errors: string[];
  /** Events that were deliberately not treated as errors (charts, ignored events). */
  allowed: string[];
}

const SCHEMA_URL = /^https?:\/\/adaptivecards\.io\/schemas\/adaptive-card\.json$/;

/**
 * Required properties per element/action type, from the Adaptive Cards 1.5
 * schema, restricted to the ones the `adaptivecards` parser does NOT already
 * report when missing. (`Input.*` ids, `Action.OpenUrl.url`,
 * `Action.ShowCard.card`, `Input.ChoiceSet` choices are reported by the
 * library itself.)
 */
const REQUIRED_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  TextBlock: ['text'],
  Image: ['url'],
  Media: ['sources'],
  RichTextBlock: ['inlines'],
  TextRun: ['text'],
  FactSet: ['facts'],
  ImageSet: ['images'],
  ActionSet: ['actions'],
  Container: ['items'],
  'Input.Toggle': ['title'],
  'Action.ToggleVisibility': ['targetElements']
};

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseMaybeJson(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

/** Extracts the type name from the library's "Unknown element type "X"" messages. */
function typeNameFromEvent(message: string): string | undefined {
  const match = /^(?:Unknown (?:element|action) type|(?:Element|Action) type) "([^"]*)"/.exec(message);
  return match?.[1];
}

function versionOf(name: CardValidationOptions['maxVersion']): AdaptiveCardsTypes.Version {
  const parsed = AC.Version.parse(name ?? MAX_TEAMS_CARD_VERSION, new AC.SerializationContext());
  if (!parsed || !parsed.isValid) throw new Error(`Bad maxVersion ${String(name)}`);
  return parsed;
}

function describeSource(source: unknown): string {
  if (!(source instanceof AC.CardObject)) return '';
  const typeName = source.getJsonTypeName();
  return source.id ? ` (${typeName} id="${source.id}")` : ` (${typeName})`;
}

/**
 * Walks the raw JSON and applies the checks the library does not make:
 * `Action.Execute` verbs and schema-required properties. `data` payloads of
 * actions are not descended into (they are arbitrary bot data), nor are the
 * internals of allowed unknown types (charts) other than their `fallback`.
 */
function structuralErrors(card: JsonObject, allowedPrefixes: readonly string[]): string[] {
  const errors: string[] = [];
  const visit = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, `${path}[${index}]`));
      return;
    }
    if (!isJsonObject(value)) return;
    const type = typeof value['type'] === 'string' ? (value['type'] as string) : undefined;
    if (type !== undefined && allowedPrefixes.some((prefix) => type.startsWith(prefix))) {
      if (value['fallback'] !== undefined) visit(value['fallback'], `${path}.fallback`);
      return;
    }
    if (type === 'Action.Execute') {
      const verb = value['verb'];
      if (typeof verb !== 'string' || verb.trim() === '') {
        errors.push(`${path}: Action.Execute must have a non-empty "verb"${value['title'] ? ` (title "${String(value['title'])}")` : ''}.`);
      }
    }
    const required = type !== undefined ? REQUIRED_PROPERTIES[type] : undefined;
    for (const property of required ?? []) {
      if (value[property] === undefined || value[property] === null) {
        errors.push(`${path}: ${type} is missing required property "${property}".`);
      }
    }
    for (const [key, child] of Object.entries(value)) {
      if (key === 'data') continue;
      visit(child, `${path}.${key}`);
    }
  };
  visit(card, '$');
  return errors;
}

/**
 * Validates an Adaptive Card payload.
 *
 * @param json The card (object, or a JSON string).
 * @param options See {@link CardValidationOptions}.
 * @returns `errors` (empty when valid) and the `allowed` (ignored) events.
 */
export function validateCard(json: unknown, options: CardValidationOptions = {}): CardValidationResult {
  const errors: string[] = [];
  const allowed: string[] = [];
  const card = parseMaybeJson(json);
  if (!isJsonObject(card)) {
    return { errors: [`Card must be a JSON object, got ${card === null ? 'null' : typeof card}.`], allowed };
  }

  const maxVersion = versionOf(options.maxVersion);
  const ignore = new Set<string>(options.ignoreEvents ?? ['Hint']);
  const prefixes = options.allowedUnknownTypePrefixes ?? ['Chart.'];

  // Top-level checks the library does not make (or makes too leniently).
  if (card['type'] !== 'AdaptiveCard') {
    errors.push(`$.type must be "AdaptiveCard", got ${JSON.stringify(card['type'])}.`);
  }
  if (card['$schema'] !== undefined && (typeof card['$schema'] !== 'string' || !SCHEMA_URL.test(card['$schema']))) {
    errors.push(`$.$schema must be "http://adaptivecards.io/schemas/adaptive-card.json", got ${JSON.stringify(card['$schema'])}.`);
  }
  const versionValue = card['version'];
  if (typeof versionValue !== 'string' || versionValue.trim() === '') {
    errors.push(`$.version must be set (a string such as "${maxVersion.toString()}"), got ${JSON.stringify(versionValue)}.`);
  } else {
    const declared = AC.Version.parse(versionValue, new AC.SerializationContext());
    if (!declared || !declared.isValid) {
      errors.push(`$.version "${versionValue}" is not a valid version.`);
    } else if (declared.compareTo(maxVersion) > 0) {
      errors.push(`$.version "${versionValue}" is newer than ${maxVersion.toString()} (the highest version Teams renders).`);
    }
  }

  // Library parse + validation.
  const events: AdaptiveCardsTypes.IValidationEvent[] = [];
  const context = new AC.SerializationContext(maxVersion);
  const adaptiveCard = new AC.AdaptiveCard();
  try {
    adaptiveCard.parse(card, context);
    for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i));
    events.push(...adaptiveCard.validateProperties().validationEvents);
  } catch (error) {
    errors.push(`adaptivecards parser threw: ${error instanceof Error ? error.message : String(error)}`);
  }

  for (const event of events) {
    const eventName = AC.ValidationEvent[event.event] ?? String(event.event);
    const phase = AC.ValidationPhase[event.phase] ?? String(event.phase);
    const line = `[${phase}] ${eventName}: ${event.message}${describeSource(event.source)}`;
    const typeName =
      event.event === AC.ValidationEvent.UnknownElementType || event.event === AC.ValidationEvent.ElementTypeNotAllowed
        ? typeNameFromEvent(event.message)
        : undefined;
    if (typeName !== undefined && prefixes.some((prefix) => typeName.startsWith(prefix))) {
      allowed.push(line);
    } else if (ignore.has(eventName)) {
      allowed.push(line);
    } else {
      errors.push(line);
    }
  }

  errors.push(...structuralErrors(card, prefixes));
  return { errors, allowed };
}

/**
 * Asserts that `json` is a valid Adaptive Card (see {@link validateCard});
 * throws an `Error` listing every problem otherwise.
 *
 * @param json The card (object, or a JSON string - which is then only checked, not narrowed).
 * @param label Optional name shown in the error message (e.g. `"welcome card"`).
 * @param options See {@link CardValidationOptions}.
 */
export function expectValidCard(json: unknown, label?: string, options?: CardValidationOptions): asserts json is AdaptiveCardJson {
  const { errors } = validateCard(json, options);
  if (errors.length === 0) return;
  let excerpt = typeof json === 'string' ? json : JSON.stringify(json, null, 2);
  if (excerpt !== undefined && excerpt.length > 2000) excerpt = `${excerpt.slice(0, 2000)}\n... (${excerpt.length - 2000} more characters)`;
  throw new Error(
    `${label ? `${label}: ` : ''}invalid Adaptive Card (${errors.length} problem${errors.length === 1 ? '' : 's'}):\n` +
      errors.map((error) => `  - ${error}`).join('\n') +
      `\nCard:\n${excerpt ?? String(json)}`
  );
}

/**
 * Returns the Adaptive Card payloads attached to an outgoing activity
 * (attachments with content type `application/vnd.microsoft.card.adaptive`),
 * in attachment order. String `content` is JSON-parsed. Non-card attachments
 * are skipped; an activity without attachments yields `[]`.
 *
 * @param activity An activity the bot sent (e.g. from `FakeConnector.sent()`).
 */
export function cardsInActivity(activity: Partial<Activity> | undefined | null): JsonObject[] {
  const attachments: Attachment[] = activity?.attachments ?? [];
  const cards: JsonObject[] = [];
  for (const attachment of attachments) {
    if (attachment.contentType !== ADAPTIVE_CARD_CONTENT_TYPE) continue;
    const content = parseMaybeJson(attachment.content);
    if (!isJsonObject(content)) {
      throw new Error(`Adaptive Card attachment has no object content: ${JSON.stringify(attachment.content)}`);
    }
    cards.push(content);
  }
  return cards;
}

/**
 * Extracts the card from an `adaptiveCard/action` invoke response body
 * (`{ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card }`).
 * Also accepts the bot's `invokeResponse` wrapper `{ status, body }` and a
 * JSON string. Throws a readable error when the response is not a card
 * (e.g. a `application/vnd.microsoft.activity.message` text response or an
 * error response).
 *
 * @param body The HTTP response body the bot returned for the invoke.
 */
export function cardFromInvokeResponse(body: unknown): JsonObject {
  let response = parseMaybeJson(body);
  if (isJsonObject(response) && 'status' in response && 'body' in response && !('statusCode' in response)) {
    response = parseMaybeJson(response['body']);
  }
  if (!isJsonObject(response)) {
    throw new Error(`Invoke response body is not an object: ${JSON.stringify(body)}`);
  }
  const { statusCode, type, value } = response;
  if (statusCode !== 200 || type !== ADAPTIVE_CARD_CONTENT_TYPE || !isJsonObject(value)) {
    throw new Error(
      `Expected an adaptiveCard/action response {statusCode: 200, type: "${ADAPTIVE_CARD_CONTENT_TYPE}", value: <card>}, got ${JSON.stringify(response)}`
    );
  }
  return value;
}
