/**
 * The shape of an incoming activity, checked at the edge before any turn runs (docs/edges.md). One schema
 * for the fields VoiceLoop, botbuilder and teams-ai read: strict on their types,
 * permissive about everything else (extra fields pass untouched; an optional field may be absent or null).
 * A malformed activity is refused with a 400 and one warning line instead of failing inside the turn.
 */

/** Says what is wrong with a value at `path`, or undefined when it fits. */
type Check = (value: unknown, path: string) => string | undefined;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const kind = (value: unknown): string => (value === undefined ? 'missing' : value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`);

const text: Check = (v, path) => (typeof v === 'string' ? undefined : `"${path}" must be text, not ${kind(v)}`);
const nonEmpty: Check = (v, path) => text(v, path) ?? ((v as string).trim() === '' ? `"${path}" is empty` : undefined);
const url: Check = (v, path) => nonEmpty(v, path) ?? (/^https?:\/\/[^\s]+$/i.test(v as string) ? undefined : `"${path}" is not a URL`);
const bool: Check = (v, path) => (typeof v === 'boolean' ? undefined : `"${path}" must be true or false, not ${kind(v)}`);

/** An optional field: absent or null passes, anything else must fit `check`. */
const optional =
  (check: Check): Check =>
  (v, path) =>
    v === undefined || v === null ? undefined : check(v, path);

/** An optional list: absent passes, null does not (teams-ai walks `entities` without a null check). */
const optionalList =
  (check: Check): Check =>
  (v, path) =>
    v === undefined ? undefined : check(v, path);

/** An object whose listed fields fit their checks; other fields are allowed and not looked at. */
const object =
  (fields: Record<string, Check>, refine?: Check): Check =>
  (v, path) => {
    if (!isObject(v)) return `"${path}" must be an object, not ${kind(v)}`;
    for (const [name, check] of Object.entries(fields)) {
      const problem = check(v[name], `${path}.${name}`);
      if (problem) return problem;
    }
    return refine?.(v, path);
  };

const arrayOf =
  (item: Check, max = 1000): Check =>
  (v, path) => {
    if (!Array.isArray(v)) return `"${path}" must be a list, not ${kind(v)}`;
    if (v.length > max) return `"${path}" has more than ${max} items`;
    for (let i = 0; i < v.length; i++) {
      const problem = item(v[i], `${path}[${i}]`);
      if (problem) return problem;
    }
    return undefined;
  };

const account = object({ id: nonEmpty, name: optional(text), aadObjectId: optional(text), role: optional(text) });
const idOnly = object({ id: optional(nonEmpty) });

/**
 * teams-ai removes the bot's @mention from the text by reading `mentioned.id` of every mention entity; an entity
 * without a `type` fails the turn too (the fuzz in test/e2e/malformed-activity.test.ts found it).
 */
const entity = object({ type: text }, (v, path) =>
  (v as Record<string, unknown>).type === 'mention' ? object({ mentioned: object({ id: text, name: optional(text) }), text: optional(text) })(v, path) : undefined
);

const ACTIVITY: Check = object(
  {
    type: nonEmpty,
    id: optional(text),
    channelId: nonEmpty,
    serviceUrl: url,
    timestamp: optional(text),
    localTimestamp: optional(text),
    localTimezone: optional(text),
    locale: optional(text),
    from: account,
    recipient: account,
    conversation: object({
      id: nonEmpty,
      name: optional(text),
      conversationType: optional(text),
      tenantId: optional(nonEmpty),
      isGroup: optional(bool)
    }),
    channelData: optional(object({ tenant: optional(idOnly), team: optional(idOnly), channel: optional(idOnly) })),
    text: optional(text),
    textFormat: optional(text),
    summary: optional(text),
    name: optional(text),
    action: optional(text),
    replyToId: optional(text),
    membersAdded: optionalList(arrayOf(account)),
    membersRemoved: optionalList(arrayOf(account)),
    attachments: optionalList(arrayOf(object({ contentType: optional(text), name: optional(text) }))),
    entities: optionalList(arrayOf(entity))
  },
  (v) => ((v as Record<string, unknown>).type === 'invoke' && !(v as Record<string, unknown>).name ? 'an invoke needs a "name"' : undefined)
);

/** What is wrong with the body of a POST to /api/messages, or undefined when it is a well-formed activity. */
export function activityShapeProblem(body: unknown): string | undefined {
  if (!isObject(body)) return 'the body is not a JSON object';
  return ACTIVITY(body, 'activity')?.replace(/"activity\./g, '"');
}
