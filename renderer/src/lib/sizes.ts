/** Bytes, speeds and remaining time, written for people. */
import { type TFunction, i18n } from '../i18n/index.js';

const units = ['B', 'KB', 'MB', 'GB', 'TB'];

/**
 * 1536 → "1.5 KB"; decimal units, as download sites and disks count. The number is written the
 * way the language writes it ("1,5 KB" in Spanish); no digit grouping, so English stays "1500 TB".
 */
export function formatBytes(bytes: number, language: string = i18n.language): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const number = new Intl.NumberFormat(language, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    useGrouping: false,
  }).format(value);
  return `${number} ${units[unit]}`;
}

export function formatSpeed(bytesPerSecond: number, language: string = i18n.language): string {
  return `${formatBytes(bytesPerSecond, language)}/s`;
}

/** Seconds left as "about 2 min left"; null (speed unknown) as "time left unknown". */
export function formatEta(seconds: number | null, t: TFunction): string {
  if (seconds === null || !Number.isFinite(seconds)) return t('models.eta.unknown');
  if (seconds < 1) return t('models.eta.underSecond');
  if (seconds < 60) return t('models.eta.seconds', { seconds: Math.round(seconds) });
  if (seconds < 3600) return t('models.eta.minutes', { minutes: Math.round(seconds / 60) });
  const hours = Math.floor(seconds / 3600);
  return t('models.eta.hours', { hours, minutes: Math.round((seconds - hours * 3600) / 60) });
}
