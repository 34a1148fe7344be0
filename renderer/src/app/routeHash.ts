/**
 * Lading's location, kept in the URL hash so reload, back/forward and a
 * second tab land on the same screen: `#images`, `#image/<id>/layers`, ….
 * The first segment names a view (see views.tsx); the rest is the view's own.
 */
export interface Route {
  view: string;
  params: string[];
}

export const parseHash = (hash: string): Route => {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter((p) => p !== '')
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  return { view: parts[0] ?? '', params: parts.slice(1) };
};

export const routeHash = (view: string, ...params: string[]): string =>
  `#${[view, ...params].map(encodeURIComponent).join('/')}`;
