import type { Localized } from '../localized';
import type { downloads as en } from '../en/downloads';

export const downloads: Localized<typeof en> = {
  name: '文件名',
  nameHint: '浏览器会边接收边把归档存进它的下载文件夹；服务器上不保留任何内容。',
  progressLabel: '下载进度',
  done: '已下载 {{size}}，文件名 {{name}}。',
  cancelled: '下载已取消。服务器上没有保留任何内容。',
  failed: '下载失败。服务器上没有保留任何内容。',
  fullPath: '请输入完整路径，例如 {{example}}。',
};
