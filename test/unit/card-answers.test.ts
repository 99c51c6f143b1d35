/** The Teams layer's shared ways of posting, replacing and answering with cards (src/teams/shared/). */
import type { Activity, ResourceResponse, TurnContext } from 'botbuilder';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import type { AdaptiveCardJson } from '../../src/cards/shared/render';
import { DomainError } from '../../src/domain/shared/errors';
import { postCard, replaceCard } from '../../src/teams/shared/card-message';
import { sendCardOrRefusal, sendCardToAll } from '../../src/teams/shared/invoke';
import { formErrorsOf } from '../../src/teams/shared/route-helpers';

const card = (title: string): AdaptiveCardJson => ({ type: 'AdaptiveCard', version: '1.5', speak: title, body: [{ type: 'TextBlock', text: title }] });

/** A turn that records what the bot sends and updates; `posted` is the id Teams gives a sent message. */
function fakeTurn(activity: Partial<Activity> = {}, { posted = { id: 'm1' } as ResourceResponse | null, updateFails = false } = {}) {
  const sent: Partial<Activity>[] = [];
  const updated: Partial<Activity>[] = [];
  const context = {
    activity,
    sendActivity: vi.fn(async (a: Partial<Activity>) => {
      sent.push(a);
      return posted ?? undefined;
    }),
    updateActivity: vi.fn(async (a: Partial<Activity>) => {
      if (updateFails) throw new Error('gone');
      updated.push(a);
    })
  } as unknown as TurnContext;
  return { context, sent, updated };
}

const cardOf = (a: Partial<Activity> | undefined): unknown => a?.attachments?.[0]?.content;
const invokeCardOf = (a: Partial<Activity> | undefined): unknown => (a?.value as { body?: { value?: unknown } } | undefined)?.body?.value;

describe('formErrorsOf', () => {
  it("gives each field's problem, else one for the whole form", () => {
    expect(formErrorsOf(new DomainError('invalid_input', 'Check the form.', { question: 'Write a question.' }))).toEqual({ question: 'Write a question.' });
    expect(formErrorsOf(new DomainError('invalid_input', 'Check the form.'))).toEqual({ form: 'Check the form.' });
  });

  it('rethrows anything that is not a form problem', () => {
    const conflict = new DomainError('conflict', 'Already there.');
    expect(() => formErrorsOf(conflict)).toThrow(conflict);
    expect(() => formErrorsOf(new Error('boom'))).toThrow('boom');
  });
});

describe('postCard and replaceCard', () => {
  it('posts a card message and gives back its id, or undefined when Teams gives none', async () => {
    const turn = fakeTurn();
    expect(await postCard(turn.context, card('Poll'))).toBe('m1');
    expect(cardOf(turn.sent[0])).toEqual(card('Poll'));
    expect(await postCard(fakeTurn({}, { posted: null }).context, card('Poll'))).toBeUndefined();
  });

  it('replaces the message with that id, and only logs a failure', async () => {
    const turn = fakeTurn();
    await replaceCard(turn.context, 'm7', card('Closed'), pino({ level: 'silent' }), 'could not replace');
    expect(turn.updated[0]?.id).toBe('m7');
    expect(cardOf(turn.updated[0])).toEqual(card('Closed'));

    const log = pino({ level: 'silent' });
    const warn = vi.spyOn(log, 'warn');
    await expect(replaceCard(fakeTurn({}, { updateFails: true }).context, 'm7', card('Closed'), log, 'could not replace')).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.objectContaining({ err: expect.any(Error) }), 'could not replace');
  });
});

describe('sendCardToAll', () => {
  it('answers the invoke and replaces the message the action came from', async () => {
    const turn = fakeTurn({ replyToId: 'form-1' });
    await sendCardToAll(turn.context, card('Done'), pino({ level: 'silent' }), 'could not replace');
    expect(turn.updated[0]?.id).toBe('form-1');
    expect(cardOf(turn.updated[0])).toEqual(card('Done'));
    expect(invokeCardOf(turn.sent[0])).toEqual(card('Done'));
  });

  it('only answers when the action came from no message, or the replacement fails', async () => {
    const alone = fakeTurn();
    await sendCardToAll(alone.context, card('Done'), pino({ level: 'silent' }), 'could not replace');
    expect(alone.updated).toEqual([]);
    expect(invokeCardOf(alone.sent[0])).toEqual(card('Done'));

    const failing = fakeTurn({ replyToId: 'form-1' }, { updateFails: true });
    await sendCardToAll(failing.context, card('Done'), pino({ level: 'silent' }), 'could not replace');
    expect(invokeCardOf(failing.sent[0])).toEqual(card('Done'));
  });
});

describe('sendCardOrRefusal', () => {
  it("answers with the action's card", async () => {
    const turn = fakeTurn();
    await sendCardOrRefusal(turn.context, ['closed'], async () => card('Voted'), async () => card('Refused'));
    expect(invokeCardOf(turn.sent[0])).toEqual(card('Voted'));
  });

  it('answers a listed refusal with the card made for it, showing the reason', async () => {
    const turn = fakeTurn();
    const refused = vi.fn(async (error: DomainError) => card(error.message));
    await sendCardOrRefusal(turn.context, ['closed', 'invalid_input'], async () => Promise.reject(new DomainError('closed', 'This poll is closed.')), refused);
    expect(refused).toHaveBeenCalledOnce();
    expect(invokeCardOf(turn.sent[0])).toEqual(card('This poll is closed.'));
  });

  it('raises any other failure and answers nothing', async () => {
    const turn = fakeTurn();
    const forbidden = new DomainError('forbidden', 'Not yours.');
    await expect(sendCardOrRefusal(turn.context, ['closed'], async () => Promise.reject(forbidden), async () => card('Refused'))).rejects.toBe(forbidden);
    await expect(sendCardOrRefusal(turn.context, ['closed'], async () => Promise.reject(new Error('boom')), async () => card('Refused'))).rejects.toThrow('boom');
    expect(turn.sent).toEqual([]);
  });
});
