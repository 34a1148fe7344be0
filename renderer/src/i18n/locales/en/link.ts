export const link = {
  closed: 'Lost the connection to the Lading backend. Reconnecting…',
  closedHint: 'If this persists, the server may have restarted: open the new URL that `npm run serve` printed.',
} as const;
