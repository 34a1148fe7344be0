import type { Localized } from '../localized';
import type { save as en } from '../en/save';

export const save: Localized<typeof en> = {
  title: '将镜像保存为文件',
  button: '保存…',
  buttonLabel: '将镜像保存为归档文件',
  images: '镜像：{{refs}}',
  references: '要保存的镜像',
  referencesHint: '每行一个镜像引用或 ID；全部写入同一个归档，保留标签。',
  referencesMissing: '请至少填写一个镜像。',
  path: '文件路径',
  pathHint: '运行 Lading 的机器上的路径。Lading 先写入 {{partial}}，保存完成后再重命名。',
  browse: '浏览…',
  overwrite: '文件已存在时替换',
  gzip: '用 gzip 压缩（.tar.gz）',
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
