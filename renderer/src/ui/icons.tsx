import { Children, isValidElement, type CSSProperties, type ReactNode } from 'react';

/**
 * Lading's toolbar icons: 16 px line drawings on a 24-unit grid in the text
 * colour, drawn for Lading (no icon font, nothing loaded from elsewhere).
 * Add a name here to use it in a toolbar entry.
 */
const paths = {
  tag: (
    <>
      <path d="M3 3h8l10 10-8 8L3 11z" />
      <circle cx="7.5" cy="7.5" r="1.5" />
    </>
  ),
  trash: (
    <>
      <path d="M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13" />
      <path d="M10 11v6M14 11v6" />
    </>
  ),
  load: (
    <>
      <path d="M12 15V3M7 8l5-5 5 5" />
      <path d="M4 15v5h16v-5" />
    </>
  ),
  save: (
    <>
      <path d="M12 3v12M7 10l5 5 5-5" />
      <path d="M4 15v5h16v-5" />
    </>
  ),
  import: (
    <>
      <path d="M3 9l9-5 9 5v10l-9 4-9-4z" />
      <path d="M12 9v8M9 14l3 3 3-3" />
    </>
  ),
  export: (
    <>
      <path d="M3 9l9-5 9 5v10l-9 4-9-4z" />
      <path d="M12 17V9M9 12l3-3 3 3" />
    </>
  ),
  disk: (
    <>
      <ellipse cx="12" cy="6" rx="8" ry="3" />
      <path d="M4 6v12c0 1.7 3.6 3 8 3s8-1.3 8-3V6M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3" />
    </>
  ),
  prune: (
    <>
      <path d="M14 3l-4 9M6 12h10l2 9H4z" />
      <path d="M9 16v5M13 16v5" />
    </>
  ),
  rows: <path d="M4 6h16M4 12h16M4 18h16" />,
  group: (
    <>
      <rect x="3" y="4" width="18" height="7" rx="1" />
      <rect x="3" y="13" width="18" height="7" rx="1" />
    </>
  ),
  columns: (
    <>
      <rect x="3" y="4" width="18" height="16" rx="1" />
      <path d="M9 4v16M15 4v16" />
    </>
  ),
  details: (
    <>
      <rect x="3" y="4" width="18" height="16" rx="1" />
      <path d="M14 4v16M16.5 9h2M16.5 12h2" />
    </>
  ),
  refresh: (
    <>
      <path d="M20 12a8 8 0 1 1-2.3-5.7" />
      <path d="M20 4v5h-5" />
    </>
  ),
  more: (
    <>
      <circle cx="5" cy="12" r="1.2" />
      <circle cx="12" cy="12" r="1.2" />
      <circle cx="19" cy="12" r="1.2" />
    </>
  ),
  pull: (
    <>
      <path d="M7 17a5 5 0 1 1 1-9.9A6 6 0 0 1 19 9a4 4 0 0 1 0 8" />
      <path d="M12 11v10M9 18l3 3 3-3" />
    </>
  ),
  push: (
    <>
      <path d="M7 17a5 5 0 1 1 1-9.9A6 6 0 0 1 19 9a4 4 0 0 1 0 8" />
      <path d="M12 21V11M9 14l3-3 3 3" />
    </>
  ),
  update: (
    <>
      <path d="M4 12a8 8 0 0 1 13.7-5.7L20 8M20 12a8 8 0 0 1-13.7 5.7L4 16" />
      <path d="M20 3v5h-5M4 21v-5h5" />
    </>
  ),
  build: (
    <>
      <path d="M14 6l4 4-9 9H5v-4z" />
      <path d="M13 3l8 8-2 2-8-8z" />
    </>
  ),
  run: <path d="M7 4l13 8-13 8z" />,
  compare: (
    <>
      <rect x="3" y="4" width="7" height="16" rx="1" />
      <rect x="14" y="4" width="7" height="16" rx="1" />
    </>
  ),
  open: (
    <>
      <path d="M14 4h6v6M20 4l-9 9" />
      <path d="M18 14v6H4V6h6" />
    </>
  ),
  search: (
    <>
      <circle cx="11" cy="11" r="6" />
      <path d="M20 20l-4.5-4.5" />
    </>
  ),
  close: <path d="M6 6l12 12M18 6L6 18" />,
  file: (
    <>
      <path d="M6 3h8l4 4v14H6z" />
      <path d="M14 3v4h4" />
    </>
  ),
  language: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3c3 3 3 15 0 18M12 3c-3 3-3 15 0 18" />
    </>
  ),
} satisfies Record<string, ReactNode>;

export type IconName = keyof typeof paths;

/** A decorative icon; the control beside it carries the accessible name. */
export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {paths[name]}
    </svg>
  );
}

/**
 * An icon's shapes as SVG markup. Written here rather than with a library:
 * it reads only the constant shapes above (plain elements, string and number
 * attributes), and react-dom/server would add its whole renderer to the page.
 */
const markup = (node: ReactNode): string =>
  Children.toArray(node)
    .map((child) => {
      if (!isValidElement<Record<string, unknown>>(child)) return '';
      if (typeof child.type !== 'string') return markup(child.props.children as ReactNode);
      const attrs = Object.entries(child.props)
        .filter(([key, value]) => key !== 'children' && (typeof value === 'string' || typeof value === 'number'))
        // JSX names attributes in camelCase (strokeWidth); SVG markup spells them stroke-width.
        .map(([key, value]) => ` ${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}="${String(value)}"`)
        .join('');
      return `<${child.type}${attrs}/>`;
    })
    .join('');

/** A standalone SVG document of the icon, drawn as Icon draws it (black: a mask uses only its alpha). */
export const iconSvg = (name: IconName): string =>
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="black" stroke-width="2" ' +
  `stroke-linecap="round" stroke-linejoin="round">${markup(paths[name])}</svg>`;

const masks = new Map<IconName, CSSProperties>();
const maskStyle = (name: IconName): CSSProperties => {
  let style = masks.get(name);
  if (!style) {
    style = { maskImage: `url("data:image/svg+xml,${encodeURIComponent(iconSvg(name))}")` };
    masks.set(name, style);
  }
  return style;
};

/**
 * The same icon as one element painted by CSS (a mask in the text colour)
 * instead of an inline SVG: for rows that a filter keystroke redraws, where
 * ~90 inline SVGs on screen cost the keystroke ~2 ms and its p95 ~6 ms
 * (bench/scale/profile.mts, measured alternating).
 */
export function MaskIcon({ name }: { name: IconName }) {
  return <span className="icon icon-mask" style={maskStyle(name)} aria-hidden="true" />;
}
