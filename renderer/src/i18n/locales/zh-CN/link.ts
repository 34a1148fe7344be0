import type { Localized } from '../localized';
import type { link as en } from '../en/link';

export const link: Localized<typeof en> = {
  closed: '与 Lading 后端的连接已断开，正在重新连接…',
  closedHint: '如果一直如此，服务可能已经重启：请打开 `npm run serve` 新打印的网址。',
};
