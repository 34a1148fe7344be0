/** English strings, one file per area of the UI. Every text the UI shows comes from here. */
import { app } from './app';
import { common } from './common';
import { engine } from './engine';
import { link } from './link';
import { images } from './images';
import { save } from './save';
import { load } from './load';
import { archives } from './archives';
import { time } from './time';
import { errors } from './errors';
import { downloads } from './downloads';
import { containers } from './containers';

export const en = { app, common, engine, link, images, save, load, archives, time, errors, downloads, containers };

export type Messages = typeof en;
