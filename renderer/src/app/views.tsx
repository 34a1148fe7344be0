import type { ReactNode } from 'react';
import type { Messages } from '../i18n/locales/en';
import { ImagesView } from '../features/images/ImagesView';
import { BuildView } from '../features/build/BuildView';
import { RegistriesView } from '../features/registries/RegistriesView';
import { ImagePage } from '../features/image/ImagePage';
import { ComparePage } from '../features/image/ComparePage';
import { ContainersView } from '../features/containers/ContainersView';

/**
 * The screens the main navigation offers. Each feature adds one entry here;
 * `render` receives the route's parameters after the view name.
 */
export interface ViewDef {
  id: string;
  /** Key under `app.` in the locale files. */
  label: keyof Messages['app'];
  render: (params: string[], ctx: ViewContext) => ReactNode;
  /** Hidden views are reachable by link (e.g. one image's page) but not listed in the navigation. */
  hidden?: boolean;
}

export interface ViewContext {
  onSave: (references: string[]) => void;
}

export const views: ViewDef[] = [
  { id: 'images', label: 'images', render: (params, ctx) => <ImagesView onSave={ctx.onSave} filter={params[0]} /> },
  { id: 'build', label: 'build', render: () => <BuildView /> },
  { id: 'registries', label: 'registries', render: (params) => <RegistriesView params={params} /> },
  { id: 'image', label: 'image', hidden: true, render: (params) => <ImagePage params={params} /> },
  { id: 'compare', label: 'compare', hidden: true, render: (params) => <ComparePage params={params} /> },
  { id: 'containers', label: 'containers', render: (params) => <ContainersView params={params} /> },
];

export const defaultView = 'images';
