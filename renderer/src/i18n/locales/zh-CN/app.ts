import type { Localized } from '../localized';
import type { app as en } from '../en/app';

export const app: Localized<typeof en> = {
  title: 'Lading',
  images: '镜像',
  build: '构建',
  registries: '镜像仓库',
  image: '镜像',
  compare: '比较镜像',
  containers: '容器',
  language: '语言',
  mainNavigation: '主导航',
};
