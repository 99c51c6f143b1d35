/**
 * The council's choice of ladder (docs/approvals.md, "The council's ladder"): a tenant setting kept in the
 * tenant's policy row (the delivery settings, beside the approval gate), changed only by administrators,
 * every change audited. Absent means TLAP's seven steps.
 */
import type { DeliverySettingsRepository } from '../delivery/ports';
import { type AdminPolicy, requireAdmin } from '../privacy/privacy';
import type { Clock } from '../shared/clock';
import { type Actor, personKey } from '../shared/conversation';
import type { AuditLog } from '../shared/ports';
import { DEFAULT_LADDER, type LadderId, ladderOf } from './ladder';

export interface LadderSettingDeps {
  settings: Pick<DeliverySettingsRepository, 'get' | 'update'>;
  audit: AuditLog;
  clock: Clock;
  admins: AdminPolicy;
}

export class LadderSetting {
  constructor(private readonly deps: LadderSettingDeps) {}

  /** The tenant's ladder (TLAP unless an administrator chose another). */
  async ladderOf(tenantId: string): Promise<LadderId> {
    return ladderOf((await this.deps.settings.get(tenantId)).ladder).id;
  }

  /** An administrator chooses the council's ladder; a change is audited. `changed` is false when it already was. */
  async set(actor: Actor, id: LadderId): Promise<{ changed: boolean; from: LadderId }> {
    requireAdmin(this.deps.admins, actor);
    let from: LadderId = DEFAULT_LADDER;
    await this.deps.settings.update(actor.tenantId, (current) => {
      const { ladder: was, ...rest } = current;
      from = ladderOf(was).id;
      return id === DEFAULT_LADDER ? rest : { ...rest, ladder: id };
    });
    const changed = from !== id;
    if (changed) {
      await this.deps.audit.append({
        tenantId: actor.tenantId,
        at: this.deps.clock.now(),
        actor: personKey(actor),
        actorName: actor.name,
        action: 'plans.ladder.changed',
        subjectType: 'tenant',
        subjectId: actor.tenantId,
        detail: `Ladder: ${ladderOf(from).name} → ${ladderOf(id).name}. Plans already made keep the ladder they were made with.`
      });
    }
    return { changed, from };
  }
}
