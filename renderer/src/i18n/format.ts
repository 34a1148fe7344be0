import type { i18n } from 'i18next';

// Intl formatters are costly to build (a DateTimeFormat takes ~0.1 ms) and the
// table formats every visible cell on each filter keystroke: build each once
// per locale and options.
const cache = new Map<string, Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.DateTimeFormat>();
const cached = <T extends Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.DateTimeFormat>(
  key: string,
  make: () => T,
): T => {
  let f = cache.get(key) as T | undefined;
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
};
const numberFormat = (locale: string, digits: number) =>
  cached(`n|${locale}|${digits}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }));

/**
 * What i18next's `{{n, number}}` prints (`new Intl.NumberFormat(lng)`), from
 * one formatter per language: i18next's own builds a new one whenever any
 * of t's options differ (its cache key holds them all, counts included), so
 * the images status line built two per render — on every filter keystroke.
 */
export const formatNumber = (value: unknown, locale = 'en'): string =>
  cached(`n|${locale}|default`, () => new Intl.NumberFormat(locale)).format(value as number);

/** `{{n, number}}` in UI strings from formatNumber's cached formatters; call after init. */
export const cacheNumberFormats = (instance: i18n): void => {
  instance.services.formatter?.add('number', (value: unknown, lng: string | undefined) => formatNumber(value, lng));
};

/** Byte sizes the way `docker images` prints them (decimal units: kB, MB, GB). */
export const formatBytes = (bytes: number, locale = 'en'): string => {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${numberFormat(locale, digits).format(value)} ${units[unit]}`;
};

const steps: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "3 days ago" ("11 mo. ago" with `style: 'short'`, for narrow table columns), from seconds since the epoch. */
export const formatRelative = (
  epochSeconds: number,
  nowMs: number,
  locale = 'en',
  style: Intl.RelativeTimeFormatStyle = 'long',
): string => {
  const diff = Math.round(epochSeconds - nowMs / 1000);
  const rtf = cached(`r|${locale}|${style}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style }));
  for (const [unit, secs] of steps) {
    if (Math.abs(diff) >= secs || unit === 'second') return rtf.format(Math.round(diff / secs), unit);
  }
  return rtf.format(0, 'second');
};

export const formatAbsolute = (epochSeconds: number, locale = 'en'): string =>
  cached(`d|${locale}`, () => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' })).format(
    new Date(epochSeconds * 1000),
  );
