/** `delivery settings` (docs/delivery.md): allowed hours, fatigue cap, reminders and concern phrases, saved by administrators. */
import { deliverySettingsCard } from '../../cards/delivery/delivery-settings-cards';
import { VERBS } from '../../cards/shared/verbs';
import { type DeliverySettingsForm, type DeliverySettingsService, FORM_FIELDS, SettingsFormError } from '../../domain/delivery/delivery-settings-service';
import { isDomainError } from '../../domain/shared/errors';
import { actorOf, tenantOf } from '../shared/activity';
import { cardMessage } from '../shared/card-message';
import { sendCard } from '../shared/invoke';
import { type App, type TeamsDeps, invokeHandler } from '../shared/route-helpers';

export interface DeliverySettingsRouteDeps {
  /** `delivery settings`: allowed hours, fatigue cap, reminders, concern phrases. */
  deliverySettings: DeliverySettingsService;
}

export function registerDeliverySettingsRoutes(app: App, deps: TeamsDeps & DeliverySettingsRouteDeps): void {
  const { deliverySettings: settings, log } = deps;

  app.message(/^\s*delivery\s+settings\s*$/i, async (context) => {
    const actor = actorOf(context.activity);
    const current = await settings.view(tenantOf(context.activity));
    await context.sendActivity(cardMessage(deliverySettingsCard(current, { isAdmin: settings.isAdmin(actor) })));
  });

  app.adaptiveCards.actionExecute(
    VERBS.deliverySettingsSave,
    invokeHandler(log, async (context, data) => {
      const actor = actorOf(context.activity);
      const tenantId = tenantOf(context.activity);
      const submitted = Object.fromEntries(FORM_FIELDS.map((k) => [k, typeof data[k] === 'string' ? data[k] : ''])) as unknown as DeliverySettingsForm;
      try {
        const { settings: saved, changes } = await settings.save(actor, submitted);
        log.info({ changes: changes.length }, 'delivery settings saved');
        const text = changes.length > 0 ? 'Saved. What changed:' : 'Nothing had changed.';
        await sendCard(context, deliverySettingsCard(saved, { isAdmin: true, notice: { text, tone: 'good' }, changes }));
      } catch (error) {
        if (error instanceof SettingsFormError) {
          // The form again, as it was filled in, with what to fix next to each field: nothing was saved.
          // It keeps the ETag it was made with (it passed the check): a change someone saved since is
          // still not overwritten by the next Save.
          const current = await settings.view(tenantId);
          await sendCard(context, deliverySettingsCard(current, { isAdmin: true, notice: { text: 'Not saved: please check the fields marked below.', tone: 'attention' }, submitted, errors: error.errors }));
          return;
        }
        if (isDomainError(error) && error.code === 'conflict') {
          const current = await settings.view(tenantId);
          await sendCard(context, deliverySettingsCard(current, { isAdmin: settings.isAdmin(actor), notice: { text: error.message, tone: 'attention' } }));
          return;
        }
        throw error;
      }
    })
  );
}
