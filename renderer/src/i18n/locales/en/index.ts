/** English strings, one file per area of the UI. Every text the UI shows comes from here. */
import { app } from './app';
import { common } from './common';
import { engine } from './engine';
import { link } from './link';
import { images } from './images';
import { image } from './image';
import { save } from './save';
import { load } from './load';
import { archives } from './archives';
import { time } from './time';
import { errors } from './errors';
import { downloads } from './downloads';
import { containers } from './containers';
import { layers } from './layers';
import { build } from './build';
import { registries } from './registries';
import { tasks } from './tasks';
import { ui } from './ui';

export const en = {
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
  registries,
  tasks,
  ui,
  containers,
  layers,
  build,
};

export type Messages = typeof en;
