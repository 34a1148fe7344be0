/** 简体中文. Each file mirrors its English one; the Localized type makes a missing key a compile error. */
import type { Localized } from '../localized';
import type { Messages } from '../en';
import { app } from './app';
import { common } from './common';
import { engine } from './engine';
import { errors } from './errors';
import { images } from './images';
import { image } from './image';
import { link } from './link';
import { load } from './load';
import { archives } from './archives';
import { save } from './save';
import { time } from './time';
import { downloads } from './downloads';
import { layers } from './layers';
import { build } from './build';
import { registries } from './registries';
import { tasks } from './tasks';
import { ui } from './ui';
import { containers } from './containers';

export const zhCN: Localized<Messages> = {
  app,
  common,
  engine,
  link,
  images,
  image,
  save,
  load,
  archives,
  time,
  errors,
  downloads,
  layers,
  build,
  registries,
  tasks,
  ui,
  containers,
};
