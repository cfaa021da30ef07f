import { parseCampaignTime, witaDisplay } from './campaign-time';

describe('campaign times', () => {
  it('reads a wall-clock time as WITA and an offset time as given', () => {
    expect(parseCampaignTime('2026-11-24T09:00')!.toISOString()).toBe('2026-11-24T01:00:00.000Z');
    expect(parseCampaignTime('2026-11-24T00:30:15')!.toISOString()).toBe('2026-11-23T16:30:15.000Z');
    expect(parseCampaignTime('2026-11-24T09:00:00+07:00')!.toISOString()).toBe('2026-11-24T02:00:00.000Z');
    expect(parseCampaignTime('2026-11-24T01:00:00.000Z')!.toISOString()).toBe('2026-11-24T01:00:00.000Z');
  });

  it('refuses times that are not there or not ISO', () => {
    for (const bad of ['2026-04-31T10:00', '2026-11-24T24:00', '24/11/2026 09:00', '2026-11-24', 'tomorrow', '2026-13-01T00:00Z']) {
      expect(parseCampaignTime(bad)).toBeNull();
    }
  });

  it('shows a moment in WITA', () => {
    expect(witaDisplay(new Date('2026-11-23T16:30:00Z'))).toBe('2026-11-24 00:30 WITA');
  });
});
