import type { TaskProgress } from '../../../../shared/contract/taskModels';

const unit = (value: number, u: 'second' | 'minute' | 'hour', locale: string): string =>
  new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short', maximumFractionDigits: 0 }).format(
    value,
  );

/** "45 sec", "3 min 5 sec", "1 hr 20 min" in the user's language. */
export const formatDuration = (ms: number, locale = 'en'): string => {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return unit(s, 'second', locale);
  const m = Math.floor(s / 60);
  if (m < 60)
    return s % 60 ? `${unit(m, 'minute', locale)} ${unit(s % 60, 'second', locale)}` : unit(m, 'minute', locale);
  const h = Math.floor(m / 60);
  return m % 60 ? `${unit(h, 'hour', locale)} ${unit(m % 60, 'minute', locale)}` : unit(h, 'hour', locale);
};

/** Whole percent done, when a real total is known (never above 100: estimates can be short). */
export const percentOf = (p: TaskProgress | undefined): number | undefined => {
  if (!p || p.bytes === undefined || !p.total) return undefined;
  return Math.min(100, Math.floor((p.bytes / p.total) * 100));
};

/**
 * Time left at the current speed, when there is a total and a speed; none
 * when the estimate says the work is already past its total.
 */
export const etaMs = (p: TaskProgress | undefined): number | undefined => {
  if (!p || p.bytes === undefined || !p.total || !p.bytesPerSecond || p.bytesPerSecond <= 0) return undefined;
  const left = p.total - p.bytes;
  return left > 0 ? (left / p.bytesPerSecond) * 1000 : undefined;
};
