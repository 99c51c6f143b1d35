/**
 * Tests for the Adaptive Card validator helper: it must accept the cards
 * Teams accepts (including `Chart.*` elements) and reject broken ones.
 */
import { describe, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import {
  ADAPTIVE_CARD_CONTENT_TYPE,
  cardFromInvokeResponse,
  cardsInActivity,
  expectValidCard,
  validateCard,
  type JsonObject
} from './card-validator';

/** Builds a 1.5 card around the given body/actions. */
function card(body: JsonObject[], actions: JsonObject[] = [], extra: JsonObject = {}): JsonObject {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    actions,
    ...extra
  };
}

const text = (value: string): JsonObject => ({ type: 'TextBlock', text: value, wrap: true });

describe('validateCard: valid cards', () => {
  it('accepts a typical Teams card with inputs and Action.Execute', () => {
    const json = card(
      [
        text('How was today?'),
        {
          type: 'Input.ChoiceSet',
          id: 'mood',
          label: 'Mood',
          style: 'expanded',
          choices: [
            { title: 'Good', value: 'good' },
            { title: 'Not good', value: 'bad' }
          ]
        },
        { type: 'Input.Text', id: 'note', label: 'Anything else?', isMultiline: true },
        {
          type: 'Table',
          columns: [{ width: 1 }, { width: 2 }],
          rows: [{ type: 'TableRow', cells: [{ type: 'TableCell', items: [text('a')] }, { type: 'TableCell', items: [text('b')] }] }]
        }
      ],
      [{ type: 'Action.Execute', title: 'Send', verb: 'checkin.submit', data: { sessionId: 's1' } }],
      { msteams: { width: 'Full' }, refresh: { action: { type: 'Action.Execute', verb: 'checkin.refresh' }, userIds: [] } }
    );
    expect(validateCard(json)).toEqual({ errors: [], allowed: [] });
    expect(() => expectValidCard(json)).not.toThrow();
  });

  it('accepts a JSON string', () => {
    expect(validateCard(JSON.stringify(card([text('hi')]))).errors).toEqual([]);
  });

  it('accepts versions below 1.5', () => {
    expect(validateCard({ type: 'AdaptiveCard', version: '1.2', body: [text('hi')] }).errors).toEqual([]);
  });

  it('allows Teams chart elements with a valid fallback, and reports them as allowed', () => {
    const json = card([
      {
        type: 'Chart.VerticalBar',
        title: 'Votes',
        data: [{ x: 'Yes', y: 3 }],
        fallback: text('Votes: Yes 3')
      }
    ]);
    const result = validateCard(json);
    expect(result.errors).toEqual([]);
    expect(result.allowed).toHaveLength(1);
    expect(result.allowed[0]).toContain('Chart.VerticalBar');
  });

  it('allows charts without fallback, nested in containers, of any Chart.* type', () => {
    const json = card([
      {
        type: 'Container',
        items: [
          { type: 'Chart.Donut', data: [{ legend: 'a', value: 1 }] },
          { type: 'Chart.Pie', data: [] },
          { type: 'Chart.Line', data: [] },
          { type: 'Chart.Gauge', value: 3 },
          { type: 'Chart.HorizontalBar.Stacked', data: [] }
        ]
      }
    ]);
    const result = validateCard(json);
    expect(result.errors).toEqual([]);
    expect(result.allowed).toHaveLength(5);
  });

  it('does not look inside action data for Action.Execute objects', () => {
    const json = card([text('x')], [{ type: 'Action.Submit', title: 'Go', data: { type: 'Action.Execute', nested: { type: 'TextBlock' } } }]);
    expect(validateCard(json).errors).toEqual([]);
  });
});

describe('validateCard: invalid cards', () => {
  it('rejects an unknown non-chart element', () => {
    const { errors } = validateCard(card([{ type: 'Charts.Pie' }, { type: 'FancyWidget', text: 'x' }]));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/UnknownElementType.*"Charts\.Pie"/);
    expect(errors[1]).toMatch(/UnknownElementType.*"FancyWidget"/);
  });

  it('rejects a chart whose fallback is itself invalid', () => {
    const { errors, allowed } = validateCard(card([{ type: 'Chart.Donut', fallback: { type: 'Nope' } }]));
    expect(allowed).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('"Nope"');
  });

  it('rejects a chart whose fallback is missing a required property', () => {
    const { errors } = validateCard(card([{ type: 'Chart.Donut', fallback: { type: 'Image' } }]));
    expect(errors).toEqual(['$.body[0].fallback: Image is missing required property "url".']);
  });

  it('rejects an unknown action type', () => {
    const { errors } = validateCard(card([text('x')], [{ type: 'Action.Teleport', title: 'Go' }]));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/UnknownActionType.*Action\.Teleport/);
  });

  it('rejects missing required properties (library- and schema-detected)', () => {
    const { errors } = validateCard(
      card(
        [{ type: 'TextBlock' }, { type: 'Image' }, { type: 'Input.Text' }, { type: 'Input.ChoiceSet', id: 'c' }],
        [{ type: 'Action.OpenUrl', title: 'Open' }]
      )
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Input\.Text.*unique Id|unique Id.*Input\.Text/),
        expect.stringMatching(/Input\.ChoiceSet must have at least one choice/),
        expect.stringMatching(/Property "url" must be set.*Action\.OpenUrl/),
        '$.body[0]: TextBlock is missing required property "text".',
        '$.body[1]: Image is missing required property "url".'
      ])
    );
    expect(errors).toHaveLength(5);
  });

  it('rejects duplicate ids and invalid enum values', () => {
    const { errors } = validateCard(
      card([
        { type: 'Input.Text', id: 'a', label: 'A' },
        { type: 'Input.Text', id: 'a', label: 'B' },
        { type: 'TextBlock', text: 'x', size: 'gigantic' }
      ])
    );
    expect(errors).toEqual(
      expect.arrayContaining([expect.stringContaining('Duplicate Id "a"'), expect.stringContaining('Invalid value "gigantic" for property "size"')])
    );
  });

  it.each([
    ['1.6', /newer than 1\.5/],
    ['2.0', /newer than 1\.5/],
    ['abc', /not a valid version/],
    [undefined, /version must be set/],
    [1.5, /version must be set/]
  ])('rejects version %s', (version, pattern) => {
    const json: JsonObject = { type: 'AdaptiveCard', body: [text('x')] };
    if (version !== undefined) json['version'] = version;
    const { errors } = validateCard(json);
    expect(errors.some((error) => pattern.test(error))).toBe(true);
  });

  it('rejects elements newer than the allowed version (Carousel is 1.6)', () => {
    const { errors } = validateCard(card([{ type: 'Carousel', pages: [{ type: 'CarouselPage', items: [text('x')] }] }]));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('"Carousel"');
  });

  it('honours a lower maxVersion option', () => {
    const json = { type: 'AdaptiveCard', version: '1.5', body: [text('x')] };
    expect(validateCard(json, { maxVersion: '1.4' }).errors[0]).toMatch(/newer than 1\.4/);
  });

  it('rejects wrong type and $schema', () => {
    const { errors } = validateCard({ type: 'HeroCard', $schema: 'https://example.com/schema.json', version: '1.5', body: [text('x')] });
    expect(errors).toEqual(expect.arrayContaining([expect.stringContaining('$.type must be "AdaptiveCard"'), expect.stringContaining('$.$schema')]));
  });

  it('rejects Action.Execute without verb anywhere in the card', () => {
    const json = card(
      [{ type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Inline', verb: '  ' }] }],
      [
        { type: 'Action.Execute', title: 'Top' },
        { type: 'Action.ShowCard', title: 'More', card: { type: 'AdaptiveCard', body: [text('x')], actions: [{ type: 'Action.Execute', title: 'Deep' }] } }
      ],
      { refresh: { action: { type: 'Action.Execute' } } }
    );
    const { errors } = validateCard(json);
    expect(errors).toEqual([
      '$.body[0].actions[0]: Action.Execute must have a non-empty "verb" (title "Inline").',
      '$.actions[0]: Action.Execute must have a non-empty "verb" (title "Top").',
      '$.actions[1].card.actions[0]: Action.Execute must have a non-empty "verb" (title "Deep").',
      '$.refresh.action: Action.Execute must have a non-empty "verb".'
    ]);
  });

  it('rejects non-objects', () => {
    expect(validateCard(null).errors).toEqual(['Card must be a JSON object, got null.']);
    expect(validateCard('not json').errors).toHaveLength(1);
    expect(validateCard([card([])]).errors).toHaveLength(1);
  });

  it('lets callers relax individual library events', () => {
    const json = card([{ type: 'Input.Text', id: 'a', isRequired: true }]);
    expect(validateCard(json).errors).toHaveLength(2);
    expect(validateCard(json, { ignoreEvents: ['RequiredInputsShouldHaveLabel', 'RequiredInputsShouldHaveErrorMessage'] }).errors).toEqual([]);
  });
});

describe('expectValidCard', () => {
  it('throws a message listing every problem and the label', () => {
    const json = card([{ type: 'Widget' }], [{ type: 'Action.Execute', title: 'Go' }], { version: '1.6' });
    let message = '';
    try {
      expectValidCard(json, 'welcome card');
    } catch (error) {
      message = error instanceof Error ? error.message : String(error);
    }
    expect(message).toContain('welcome card: invalid Adaptive Card (3 problems)');
    expect(message).toContain('newer than 1.5');
    expect(message).toContain('"Widget"');
    expect(message).toContain('non-empty "verb"');
  });

  it('narrows the type on success', () => {
    const json: unknown = card([text('x')]);
    expectValidCard(json);
    expect(json.version).toBe('1.5');
  });
});

describe('cardsInActivity / cardFromInvokeResponse', () => {
  const cardA = card([text('a')]);
  const cardB = card([text('b')]);

  it('extracts adaptive card attachments only, parsing string content', () => {
    const activity: Partial<Activity> = {
      type: 'message',
      attachments: [
        { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: cardA },
        { contentType: 'application/vnd.microsoft.card.hero', content: { title: 'hero' } },
        { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: JSON.stringify(cardB) }
      ]
    };
    expect(cardsInActivity(activity)).toEqual([cardA, cardB]);
    expect(cardsInActivity({ type: 'message', text: 'plain' })).toEqual([]);
    expect(cardsInActivity(undefined)).toEqual([]);
  });

  it('reads the card from an adaptiveCard/action response (raw or wrapped)', () => {
    const body = { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: cardA };
    expect(cardFromInvokeResponse(body)).toEqual(cardA);
    expect(cardFromInvokeResponse(JSON.stringify(body))).toEqual(cardA);
    expect(cardFromInvokeResponse({ status: 200, body })).toEqual(cardA);
  });

  it('throws for message or error invoke responses', () => {
    expect(() => cardFromInvokeResponse({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'Thanks!' })).toThrow(
      /activity\.message/
    );
    expect(() => cardFromInvokeResponse({ statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest' } })).toThrow(
      /statusCode/
    );
    expect(() => cardFromInvokeResponse(undefined)).toThrow();
  });
});
