import { CampaignTime } from '@pk/contracts';

// Bali keeps WITA (UTC+8) all year, with no daylight saving, so a fixed offset is exact.
const WITA_OFFSET_MS = 8 * 3600 * 1000;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** An ISO 8601 time with an offset, or a WITA wall-clock time without one; null when neither. */
export function parseCampaignTime(value: string): Date | null {
  const text = value.trim();
  if (WITH_OFFSET.test(text)) {
    const ms = Date.parse(text);
    return Number.isNaN(ms) ? null : new Date(ms);
  }
  const m = WALL_CLOCK.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((p) => Number(p ?? 0));
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC rolls 31 April over into May: a day or hour that does not exist is refused.
  const back = new Date(utc);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || back.getUTCHours() !== h || back.getUTCMinutes() !== mi) return null;
  return new Date(utc - WITA_OFFSET_MS);
}

/** "2026-11-24 09:00 WITA". */
export function witaDisplay(at: Date): string {
  return `${new Date(at.getTime() + WITA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ')} WITA`;
}

export const campaignTime = (at: Date): CampaignTime => ({ at: at.toISOString(), wita: witaDisplay(at) });
