import type { Localized } from '../localized';
import type { time as en } from '../en/time';

export const time: Localized<typeof en> = {
  justNow: '刚刚',
};
