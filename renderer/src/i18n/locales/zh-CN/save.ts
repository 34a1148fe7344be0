import type { Localized } from '../localized';
import type { save as en } from '../en/save';

export const save: Localized<typeof en> = {
  title: '将镜像保存为文件',
  images: '镜像：{{refs}}',
  path: '文件路径',
  pathHint: '运行 Lading 的机器上的路径。Lading 先写入 {{partial}}，保存完成后再重命名。',
  browse: '浏览…',
  overwrite: '文件已存在时替换',
  start: '保存',
  cancel: '取消',
  close: '关闭',
  cancelSave: '取消保存',
  progressLabel: '保存进度',
  progress: '{{done}} / 约 {{total}} · {{speed}}/秒',
  preparing: '引擎正在准备归档（约 {{total}}）…',
  done: '已将 {{size}} 保存到 {{path}}',
  cancelled: '保存已取消，没有留下任何文件。',
  failed: '保存失败，没有留下任何文件。',
};
