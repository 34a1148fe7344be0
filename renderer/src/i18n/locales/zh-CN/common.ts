import type { Localized } from '../localized';
import type { common as en } from '../en/common';

export const common: Localized<typeof en> = {
  close: '关闭',
  cancel: '取消',
};
