import { lazy, Suspense, type ReactNode } from 'react';
import type { Messages } from '../i18n/locales/en';
import { ImagesView } from '../features/images/ImagesView';
import { RegistriesView } from '../features/registries/RegistriesView';
import { ContainersView } from '../features/containers/ContainersView';

// Screens with heavy dependencies load when first opened, so the images table
// (the first screen) does not wait for them: the build view's editor
// (CodeMirror, dockerfile-ast), the image page's inspect tree and layer explorer.
const BuildView = lazy(() => import('../features/build/BuildView').then((m) => ({ default: m.BuildView })));
const ImagePage = lazy(() => import('../features/image/ImagePage').then((m) => ({ default: m.ImagePage })));
const ComparePage = lazy(() => import('../features/image/ComparePage').then((m) => ({ default: m.ComparePage })));
const later = (node: ReactNode) => <Suspense fallback={null}>{node}</Suspense>;

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
  { id: 'build', label: 'build', render: () => later(<BuildView />) },
  { id: 'registries', label: 'registries', render: (params) => <RegistriesView params={params} /> },
  { id: 'image', label: 'image', hidden: true, render: (params) => later(<ImagePage params={params} />) },
  { id: 'compare', label: 'compare', hidden: true, render: (params) => later(<ComparePage params={params} />) },
  { id: 'containers', label: 'containers', render: (params) => <ContainersView params={params} /> },
];

export const defaultView = 'images';
