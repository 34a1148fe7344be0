import { useSyncExternalStore } from 'react';
import { parseHash, routeHash, type Route } from './routeHash';

export { parseHash, routeHash, type Route };

const subscribe = (onChange: () => void) => {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
};

export const useRoute = (): Route => parseHash(useSyncExternalStore(subscribe, () => window.location.hash));

export const navigate = (view: string, ...params: string[]) => {
  window.location.hash = routeHash(view, ...params);
};
