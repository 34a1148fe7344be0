import { routeHash } from '../../app/routeHash';

/** The tabs of an image's page, in order; the route is `#image/<id>[/<tab>[/<n>]]`. */
export const imageTabs = ['overview', 'layers', 'history', 'inspect'] as const;
export type ImageTab = (typeof imageTabs)[number];

export const isImageTab = (s: string | undefined): s is ImageTab => imageTabs.includes(s as ImageTab);

/**
 * Link to an image's page. For the Layers tab, `layer` is 1-based into
 * RootFS.Layers (1 = the bottom layer), as History numbers them.
 */
export const imageHash = (id: string, tab: ImageTab = 'overview', layer?: number): string =>
  layer === undefined ? routeHash('image', id, tab) : routeHash('image', id, tab, String(layer));

/** Side-by-side comparison of two or more images: `#compare/<id>,<id>,…`. */
export const compareHash = (ids: readonly string[]): string => routeHash('compare', ids.join(','));

export const parseCompareIds = (param: string | undefined): string[] =>
  [...new Set((param ?? '').split(',').filter((s) => s.trim() !== ''))].slice(0, 8);
