/** A complete, valid plan form as the card sends it (dates in 2026, after the tests' virtual "now"). */
export function validPlanForm(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'What makes the short-breaks service work for you?',
    purpose: 'Hear young people on short breaks before the service is recommissioned in the autumn.',
    level: 'meso',
    serviceArea: 'Short breaks',
    cohorts: 'youngPeople,parentCarers',
    startDate: '2026-03-02',
    endDate: '2026-03-20',
    ladder: 'coDesign',
    hartRung: '6',
    lundy_space: 'yes',
    lundy_space_note: '',
    lundy_voice: 'partly',
    lundy_voice_note: 'Symbol boards for those who use AAC; easy-read consent.',
    lundy_audience: 'yes',
    lundy_audience_note: 'The head of commissioning joins the last session.',
    lundy_influence: 'yes',
    lundy_influence_note: '',
    adjustments: 'symbols,easyRead,aac,virtual',
    adjustmentsNote: 'Sessions after school, 16:00–17:00.',
    decisionMaker: 'Head of Integrated Commissioning',
    feedbackBy: '2026-05-01',
    ...overrides
  };
}
