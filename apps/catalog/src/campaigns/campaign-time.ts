import { CampaignTime } from '@pk/contracts';

// Read with the campaign's request schema (libs/contracts).
export { parseCampaignTime } from '@pk/contracts/requests/campaigns';

// Bali keeps WITA (UTC+8) all year, with no daylight saving, so a fixed offset is exact.
const WITA_OFFSET_MS = 8 * 3600 * 1000;

/** "2026-11-24 09:00 WITA". */
export function witaDisplay(at: Date): string {
  return `${new Date(at.getTime() + WITA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')} WITA`;
}

export const campaignTime = (at: Date): CampaignTime => ({ at: at.toISOString(), wita: witaDisplay(at) });
