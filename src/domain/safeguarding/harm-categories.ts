/**
 * The categories of harm a screen names (Keeping Children Safe in Education; Working Together to
 * Safeguard Children), plus `unsafe`: fear, secrecy and silencing that point at harm of no one kind.
 */
export const HARM_CATEGORIES = [
  { id: 'physical', label: 'Physical abuse' },
  { id: 'emotional', label: 'Emotional abuse' },
  { id: 'sexual', label: 'Sexual abuse' },
  { id: 'neglect', label: 'Neglect' },
  { id: 'domestic', label: 'Domestic abuse at home' },
  { id: 'online', label: 'Online abuse or grooming' },
  { id: 'exploitation', label: 'Sexual or criminal exploitation (including county lines)' },
  { id: 'child-on-child', label: 'Child-on-child abuse or bullying' },
  { id: 'self-harm', label: 'Self-harm' },
  { id: 'suicidal', label: 'Suicidal thoughts' },
  { id: 'radicalisation', label: 'Radicalisation' },
  { id: 'fgm-forced-marriage', label: 'FGM, forced marriage or honour-based abuse' },
  { id: 'slavery-trafficking', label: 'Modern slavery or trafficking' },
  { id: 'missing', label: 'Going missing or running away' },
  { id: 'unsafe', label: 'Feeling unsafe, secrets or being silenced' }
] as const;

export type HarmCategory = (typeof HARM_CATEGORIES)[number]['id'];
