import type { Localized } from '../localized';
import type { load as en } from '../en/load';

export const load: Localized<typeof en> = {
  button: '载入…',
  buttonLabel: '从归档文件载入镜像',
  title: '从归档文件载入镜像',
  file: '{{name}}（{{size}}）',
  files: '要载入的归档',
  progressLabel: '载入进度',
  progress: '{{done}} / {{total}} · {{speed}}/秒',
  starting: '正在开始…',
  waiting: '等待中',
  done_one: '已载入 {{count}} 个镜像：',
  done_other: '已载入 {{count}} 个镜像：',
  loadedList: '已载入的镜像',
  cancelled: '载入已取消，引擎中的镜像没有变化。',
  cancelledInBatch: '未载入：载入已取消，这个归档中的内容都没有加入引擎。',
  failed: '无法载入这个归档，引擎中的镜像没有变化。',
  failedInBatch: '无法载入这个归档，其中的内容都没有加入引擎。',
  partly_one: '归档只载入了一部分：引擎在停止之前载入了 {{count}} 个镜像：',
  partly_other: '归档只载入了一部分：引擎在停止之前载入了 {{count}} 个镜像：',
  cancelLoad: '取消载入',
  close: '关闭',
  problems: {
    empty: '文件是空的。',
    zip: '这是一个 zip 文件。镜像归档是 tar 文件（由 docker save、skopeo 或 podman save 生成），可以不压缩，也可以用 gzip、bzip2、xz 或 zstd 压缩。',
    'not-tar': '这个文件不是 tar 归档。',
    'compressed-not-tar': '这个文件经过 {{compression}} 压缩，但里面不是 tar 归档。',
    truncated: '文件不完整：归档还没结束文件就断了（可能是下载或复制被中断）。',
    damaged: '归档已损坏：其中有部分内容无法读取。',
    'missing-blob': '归档缺少清单中引用的文件（某个层或配置）。',
    'not-image-archive':
      '这个 tar 不是镜像归档（没有 manifest.json 或 index.json）。根文件系统的 tar 包应通过“导入…”导入，而不是载入。',
    unsupported: '这个归档使用了当前引擎无法载入的格式。',
    'engine-refused': '引擎拒绝了这个归档。',
  },
};
