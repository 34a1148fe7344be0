import type { Localized } from '../localized';
import type { ui as en } from '../en/ui';

export const ui: Localized<typeof en> = {
  more: '更多',
  chooseFile: '选择文件…',
  chooseFiles: '选择文件…',
  noFileChosen: '未选择文件',
  filesChosen_one: '{{count}} 个文件',
  filesChosen_other: '{{count}} 个文件',
  containerWithState: '{{name}}（{{state}}）',
  containerState: {
    created: '已创建',
    running: '运行中',
    paused: '已暂停',
    restarting: '重启中',
    removing: '删除中',
    exited: '已退出',
    dead: '已失效',
  },
};
