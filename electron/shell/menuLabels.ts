import type { MenuLabels } from './menu';

/** The application menu in Simplified Chinese (Electron's role labels are English-only on Linux and Windows). */
export const zhCNMenuLabels: MenuLabels = {
  file: '文件',
  quit: '退出',
  closeWindow: '关闭窗口',
  edit: '编辑',
  undo: '撤销',
  redo: '重做',
  cut: '剪切',
  copy: '复制',
  paste: '粘贴',
  selectAll: '全选',
  view: '视图',
  reload: '重新加载',
  toggleDevTools: '切换开发者工具',
  resetZoom: '实际大小',
  zoomIn: '放大',
  zoomOut: '缩小',
  toggleFullScreen: '切换全屏',
  window: '窗口',
  minimize: '最小化',
  zoom: '缩放',
  help: '帮助',
  readme: 'Lading 说明文档',
  about: '关于 Lading',
  hide: '隐藏 Lading',
  hideOthers: '隐藏其他',
  showAll: '全部显示',
};

/** The menu's labels for a system locale ("zh-CN", "zh-Hans-CN", "zh"…); undefined keeps the English defaults. */
export const menuLabelsFor = (locale: string): MenuLabels | undefined =>
  /^zh(?:[-_](?:CN|SG|Hans)\b|$)/i.test(locale) ? zhCNMenuLabels : undefined;
