import type { Localized } from '../localized';
import type { engine as en } from '../en/engine';

export const engine: Localized<typeof en> = {
  label: '引擎',
  kind_docker: 'Docker',
  kind_podman: 'Podman',
  kind_unknown: '引擎',
  versionLine: '{{kind}} {{version}} · API {{apiVersion}}',
  connecting: '正在连接 {{host}} 上的引擎…',
  disconnectedTitle: '引擎没有响应',
  disconnectedBody: '与 {{host}} 的连接已断开，{{seconds}} 秒后重试。已显示的内容不会丢失；引擎恢复后表格会自动刷新。',
  reconnect: '立即重试',
  firstRunTitle: '没有找到容器引擎',
  firstRunBody: 'Lading 管理 Docker 或 Podman 引擎中的镜像，但 {{host}} 上没有引擎响应。',
  firstRunStartDocker: '启动 Docker：<code>sudo systemctl start docker</code>（Linux），或打开 Docker Desktop。',
  firstRunStartPodman:
    '或者启动 Podman 的 Docker 兼容 API：<code>podman system service --time=0 unix:///run/podman/podman.sock</code>',
  firstRunDockerHost:
    '或者用 DOCKER_HOST 环境变量让 Lading 连接其他引擎，例如 <code>DOCKER_HOST=unix:///path/to/docker.sock</code>。',
  firstRunTryDemo: '手头没有引擎？在 Debian 系的机器上，<code>npm run demo</code> 会启动一个带示例镜像的私有沙盒引擎。',
  lastError: '最近一次错误：{{error}}',
};
