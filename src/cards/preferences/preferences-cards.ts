/** The communication preferences card (docs/surveys.md): how a person likes to take part. */
import preferencesTemplate from './preferences.json';
import { COMMUNICATION_NEEDS, type CommunicationPreferences, NEED_LABELS } from '../../domain/preferences/preferences';
import { type AdaptiveCardJson, renderCard } from '../shared/render';
import { stripSymbol } from '../shared/text';

export function preferencesCard(input: { personKey: string; forName?: string; prefs?: CommunicationPreferences; notice?: string }): AdaptiveCardJson {
  const title = input.forName ? `🗣️ How ${input.forName} likes to take part` : '🗣️ How you like to take part';
  return renderCard(preferencesTemplate, {
    title,
    personKey: input.personKey,
    notice: input.notice ? `✅ ${input.notice}` : '',
    needs: (input.prefs?.needs ?? []).join(','),
    note: input.prefs?.note ?? '',
    choices: COMMUNICATION_NEEDS.map((n) => ({ title: `${NEED_LABELS[n].symbol} ${NEED_LABELS[n].label}`, value: n })),
    speak: `${stripSymbol(title)}. Tell us how you like to take part. We will use this on every card we send you.`
  });
}
