import type { Localized } from '../localized';
import type { load as en } from '../en/load';

export const load: Localized<typeof en> = {
  button: '载入…',
  buttonLabel: '从归档文件载入镜像',
  title: '从归档文件载入镜像',
  file: '{{name}}（{{size}}）',
  progressLabel: '载入进度',
  progress: '{{done}} / {{total}} · {{speed}}/秒',
  starting: '正在开始…',
  done_one: '已载入 {{count}} 个镜像：',
  done_other: '已载入 {{count}} 个镜像：',
  loadedList: '已载入的镜像',
  cancelled: '载入已取消，引擎中的镜像没有变化。',
  failed: '无法载入这个归档，引擎中的镜像没有变化。',
  cancelLoad: '取消载入',
  close: '关闭',
};
