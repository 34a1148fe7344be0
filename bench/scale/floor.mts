// The browser's own share of a page load on this machine, next to Lading's:
// a static page (no framework, no WebSocket) that draws a grid named
// "Images" of 26 rows × 8 cells with the DOM, loaded in a new tab as the
// warm loads are. Lading's first rows cannot come sooner than this; what
// lies between the two is Lading's page (its scripts, React, the first
// layout), not the backend. Served by a server of its own on loopback.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { profileContext, waitFirstRow } from './browser.mjs';

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title>
<style>body{font-family:system-ui,sans-serif}.row{display:grid;grid-template-columns:repeat(8,140px)}</style>
</head><body><div role="grid" aria-label="Images" id="grid"></div><script src="/draw.js"></script></body></html>`;

const DRAW = `const grid = document.getElementById('grid');
for (let i = 0; i < 26; i++) {
  const row = document.createElement('div');
  row.setAttribute('role', 'row');
  row.className = 'row';
  for (let j = 0; j < 8; j++) {
    const cell = document.createElement('div');
    cell.setAttribute('role', 'gridcell');
    cell.textContent = 'scale/team-' + i + '/svc-' + j;
    row.appendChild(cell);
  }
  grid.appendChild(row);
}`;

/** Navigation start → first data row of the static page, in a new tab per load (the script from the HTTP cache). */
export const measureFloor = async (loads: number): Promise<number[]> => {
  const server = createServer((req, res) => {
    if (req.url === '/draw.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'private, max-age=3600' });
      res.end(DRAW);
    } else {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(PAGE);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const profile = await profileContext(); // as Lading's loads are measured
  const { context } = profile;
  try {
    const warm = await context.newPage(); // fills the HTTP cache, as Lading's first visit does
    await warm.goto(url);
    await waitFirstRow(warm);
    await warm.close();
    const out: number[] = [];
    for (let i = 0; i < loads; i++) {
      const page = await context.newPage();
      await page.goto(url);
      out.push(await waitFirstRow(page));
      await page.close();
    }
    return out;
  } finally {
    await profile.close();
    server.close();
  }
};
