// Serve mode in Debian's Chromium: first rows, filter keystrokes, renderer
// heap, and engine events reaching the table. Everything is found by role and
// accessible name, and measured inside the page.
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { docker } from './engine.mjs';
import { HARNESS, type KeystrokeSample } from './harness.mjs';
import type { Serve } from './serve.mjs';
import { chromiumLaunchOptions } from '../../tests/support/chromium';

/** Launched as the e2e tests launch it. */
export const launchChromium = (): Promise<Browser> => chromium.launch({ ...chromiumLaunchOptions, headless: true });

const VIEWPORT = { width: 1400, height: 900 };

/**
 * A browser with a new, empty profile on disk, as a user's browser keeps
 * one: its first visit is cold, and later ones find what Chromium keeps
 * between visits there, the compiled code of the page's scripts among it
 * (a private window keeps no code cache: measured alternating, new tabs
 * took 741 ms in one against 554 ms in a profile). Closing removes it.
 */
export const profileContext = async (): Promise<{ context: BrowserContext; close(): Promise<void> }> => {
  const dir = mkdtempSync(join(tmpdir(), 'lading-bench-profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    ...chromiumLaunchOptions,
    headless: true,
    viewport: VIEWPORT,
  });
  await context.addInitScript({ content: HARNESS });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

export interface BrowserResults {
  /** Navigation start → first data row, first visit (token URL, redirect, cold cache), opened as the address was printed. */
  firstRowsCold: number;
  /** A first visit again (a new, empty profile: no cookie, cold caches), once the backend's list is warm. */
  firstRowsColdPage: number;
  /** The same for later fresh page loads, each in a new tab (cookie set, caches warm). */
  firstRows: number[];
  /** The same in a private window (no code cache; what this bench measured until 2026-12-07's last session). */
  firstRowsPrivate: number[];
  /**
   * The same loads' breakdown, from the page's own User Timing marks (null
   * when the page made none): when the first screen's data was in the
   * store, and when every module of the UI had been evaluated.
   */
  firstRowsMarks: { firstScreenData: number | null; uiEvaluated: number | null }[];
  /** Navigation start → the whole list in the grid (no longer aria-busy), for the same loads. */
  wholeList: number[];
  /** Navigation start → first data row after a reload of the same tab. */
  firstRowsReload: number[];
  /**
   * One extra load with the network watched (not in `firstRows`): when the
   * biggest WebSocket frame (the list reply) had arrived, ms after the page's
   * request, and when the first row showed.
   */
  breakdown: { firstRow: number; listReplyAt: number; listReplyBytes: number };
  /** Renderer JS heap after load and a forced GC, bytes. */
  heapAfterLoad: number;
  /** The same after the filter and events runs. */
  heapAfterAll: number;
  keystrokes: KeystrokeSample[];
  /** Keystrokes whose rows changed only after the bench had taken them as settled (300 ms quiet): should be 0. */
  lateUpdates: number;
  /**
   * The queries typed again at full speed (no wait between keys): characters
   * missing from the box afterwards, and queries whose rows did not match
   * what the query shows when typed slowly (both should be 0).
   */
  fastTyping: { queries: number; charsDropped: number; wrongRows: number };
  /** Engine event → row shown/gone in the table, ms after the CLI command exited. */
  eventsAdded: number[];
  eventsRemoved: number[];
  /** Events whose row did not show (or go) within the time limit. */
  eventsMissed: number;
  /** Page errors and console errors seen during the run. */
  errors: string[];
}

export interface BrowserOptions {
  loads: number;
  keys: string[];
  /** The queries `keys` types (and erases), for the full-speed typing check. */
  queries: string[];
  events: number;
  /** An existing image (reference or ID) to tag for the events run. */
  eventSource: string;
  dockerHost: string;
  log(msg: string): void;
}

/** Evaluates an expression in the page; the harness is plain JS, so results are cast to what it returns. */
const evaluate = <T,>(page: Page, expression: string): Promise<T> => page.evaluate(expression) as Promise<T>;

/** The page's User Timing marks of a load (see BrowserResults.firstRowsMarks). */
const marksOf = (page: Page): Promise<BrowserResults['firstRowsMarks'][number]> =>
  evaluate(
    page,
    `(() => {
      const at = (name) => { const m = performance.getEntriesByName(name, 'mark')[0]; return m ? m.startTime : null; };
      return { firstScreenData: at('lading:first-screen-data'), uiEvaluated: at('lading:ui-evaluated') };
    })()`,
  );

/** Navigation start → the whole list in the grid (the first screen may come before it). */
export const waitWholeList = async (page: Page, timeoutMs = 60_000): Promise<number> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const at = await evaluate<number | null>(page, 'window.__scale ? window.__scale.wholeListAt : null');
    if (at !== null) return at;
    if (Date.now() > deadline) throw new Error(`the Images grid was still busy after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

export const waitFirstRow = async (page: Page, timeoutMs = 60_000): Promise<number> => {
  // Polled with plain evaluations: waitForFunction compiles its predicate in
  // the page, which the app's Content-Security-Policy (no unsafe-eval) forbids.
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const at = await evaluate<number | null>(page, 'window.__scale ? window.__scale.firstRowAt : null');
    if (at !== null) return at;
    if (Date.now() > deadline) throw new Error(`no data row in the Images grid after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** Waits until the status texts stayed the same for `quietMs`. */
export const waitStable = async (page: Page, quietMs = 500, capMs = 30_000): Promise<void> => {
  const start = Date.now();
  let last = '';
  let since = Date.now();
  while (Date.now() - start < capMs) {
    const now = await evaluate<string>(page, 'window.__scale.statusText()');
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
    await new Promise((r) => setTimeout(r, 50));
  }
};

const heapUsed = async (context: BrowserContext, page: Page): Promise<number> => {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
};

/** Tracks the biggest WebSocket frame the page receives, on the clock of the page's own request. */
const watchBiggestFrame = async (context: BrowserContext, page: Page) => {
  const cdp = await context.newCDPSession(page);
  let start: number | null = null;
  let biggest: { at: number; bytes: number } | null = null;
  cdp.on('Network.requestWillBeSent', (e) => {
    if (start === null && e.type === 'Document') start = e.timestamp;
  });
  cdp.on('Network.webSocketFrameReceived', (e) => {
    const bytes = e.response.payloadData.length;
    if (start !== null && (!biggest || bytes > biggest.bytes)) biggest = { at: (e.timestamp - start) * 1000, bytes };
  });
  await cdp.send('Network.enable');
  return {
    biggest: () => biggest,
    stop: () => cdp.detach().catch(() => undefined),
  };
};

const watchErrors = (page: Page, errors: string[]): void => {
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // The app has no favicon; Chromium's automatic request for one is not the app's doing.
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) errors.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`http ${r.status()}: ${r.url()}`);
  });
};

/** Types `keys` one at a time (each a character or "Backspace"), waiting for the page to settle after each. */
export const measureKeystrokes = async (page: Page, keys: readonly string[]): Promise<KeystrokeSample[]> => {
  const out: KeystrokeSample[] = [];
  for (const key of keys) {
    await evaluate(page, `window.__scale.arm(${JSON.stringify(key)})`);
    await page.keyboard.press(key);
    out.push(await evaluate<KeystrokeSample>(page, 'window.__scale.settle(300, 15000)'));
  }
  return out;
};

/** Types a whole query and waits until the page settled, unmeasured. */
const typeQuery = async (page: Page, query: string): Promise<void> => {
  const box = page.getByRole('searchbox', { name: 'Filter images' });
  await box.fill('');
  await box.focus();
  await measureKeystrokes(page, [...query]);
};

/** A new tab in `context` loading `url`: the tab, and navigation start → its first data row. */
const openTab = async (context: BrowserContext, url: string, errors: string[]) => {
  const page = await context.newPage();
  watchErrors(page, errors);
  await page.goto(url);
  return { page, firstRow: await waitFirstRow(page) };
};

/**
 * `profile`: the browser for the page loads, up before `serve` started, so
 * the first visit, opened as soon as the address is printed, meets a
 * backend as cold as a user who clicks it at once does.
 */
export const measureBrowser = async (
  browser: Browser,
  serve: Serve,
  profile: { context: BrowserContext },
  o: BrowserOptions,
): Promise<BrowserResults> => {
  const errors: string[] = [];
  const { context } = profile;
  // First visit with the token (redirect, cold cache), then fresh pages on the clean address.
  const first = await openTab(context, serve.url, errors);
  const firstRowsCold = first.firstRow;
  let page = first.page;
  await waitWholeList(page);
  const firstRows: number[] = [];
  const firstRowsMarks: BrowserResults['firstRowsMarks'] = [];
  const wholeList: number[] = [];
  for (let i = 0; i < o.loads; i++) {
    await page.close();
    const tab = await openTab(context, serve.origin, errors);
    page = tab.page;
    firstRows.push(tab.firstRow);
    firstRowsMarks.push(await marksOf(page));
    wholeList.push(await waitWholeList(page));
  }
  // The same tab reloaded (its renderer process and compiled code stay).
  const firstRowsReload: number[] = [];
  for (let i = 0; i < o.loads; i++) {
    await page.reload();
    firstRowsReload.push(await waitFirstRow(page));
    await waitWholeList(page);
  }
  // A first visit again, in a profile of its own (no cookie, cold caches),
  // now that the backend's list is warm: the cold page's share of the
  // first visit, without the engine's.
  const cold = await profileContext();
  let firstRowsColdPage: number;
  try {
    const tab = await openTab(cold.context, serve.url, errors);
    firstRowsColdPage = tab.firstRow;
    await waitWholeList(tab.page);
  } finally {
    await cold.close();
  }
  // New tabs in a private window, as this bench measured them before.
  const firstRowsPrivate: number[] = [];
  const privateContext = await browser.newContext({ viewport: VIEWPORT });
  await privateContext.addInitScript({ content: HARNESS });
  try {
    for (let i = 0; i <= o.loads; i++) {
      // The first sets the cookie, not counted.
      const tab = await openTab(privateContext, i === 0 ? serve.url : serve.origin, errors);
      if (i > 0) firstRowsPrivate.push(tab.firstRow);
      await waitWholeList(tab.page);
      await tab.page.close();
    }
  } finally {
    await privateContext.close();
  }
  // One more load, not counted above (watching the network costs time): where the time goes.
  await page.close();
  page = await context.newPage();
  watchErrors(page, errors);
  const frames = await watchBiggestFrame(context, page);
  await page.goto(serve.origin);
  const diagFirstRow = await waitFirstRow(page);
  await waitWholeList(page); // the list's reply now comes after the first screen's
  const reply = frames.biggest();
  await frames.stop();
  const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
  o.log(
    `first rows: cold ${firstRowsCold.toFixed(0)} ms (${firstRowsColdPage.toFixed(0)} ms with the backend warm), then ${list(firstRows)} ms; reloads ${list(firstRowsReload)} ms; private window ${list(firstRowsPrivate)} ms`,
  );
  o.log(`whole list in the grid: ${list(wholeList)} ms`);

  // The first rows are in; let the page finish what it does before measuring the heap.
  await waitStable(page);
  const heapAfterLoad = await heapUsed(context, page);
  o.log(`renderer heap after load: ${(heapAfterLoad / 1048576).toFixed(0)} MB`);

  const box = page.getByRole('searchbox', { name: 'Filter images' });
  await box.fill(''); // a UI that restores the last filter would make Backspace a no-op
  await waitStable(page);
  await box.focus();
  const keystrokes = await measureKeystrokes(page, o.keys);
  const changed = keystrokes.filter((k) => k.reflected !== null).length;
  await evaluate(page, 'window.__scale.arm("")'); // counts a late update of the last keystroke
  const lateUpdates = await evaluate<number>(page, 'window.__scale.late');
  await evaluate(page, 'window.__scale.key = null; window.__scale.looping = false');
  o.log(`filter: ${keystrokes.length} keystrokes (${changed} changed the rows, ${lateUpdates} late)`);

  // Each query again at full speed: the box must hold every character, and the
  // status must read what it read when the query was typed one key at a time.
  const fastTyping = { queries: 0, charsDropped: 0, wrongRows: 0 };
  let offset = 0; // `keys` types each query, then erases it
  for (const query of o.queries) {
    const slow = keystrokes[offset + query.length - 1]?.status;
    offset += 2 * query.length;
    await box.fill('');
    await waitStable(page, 300);
    await box.pressSequentially(query);
    await waitStable(page, 300);
    const typed = await box.inputValue();
    fastTyping.queries++;
    if (typed !== query) fastTyping.charsDropped += Math.max(1, query.length - typed.length);
    if (slow !== undefined && (await evaluate<string>(page, 'window.__scale.statusText()')) !== slow)
      fastTyping.wrongRows++;
  }
  await box.fill('');
  await waitStable(page, 300);
  o.log(
    `fast typing: ${fastTyping.queries} queries, ${fastTyping.charsDropped} characters dropped, ${fastTyping.wrongRows} with other rows`,
  );

  // Events: the filter shows only the bench's event tags; one at a time appears, then goes.
  const eventsAdded: number[] = [];
  const eventsRemoved: number[] = [];
  let eventsMissed = 0;
  await typeQuery(page, 'scale/evt');
  const run = `${Date.now().toString(36)}`;
  for (let i = 0; i < o.events; i++) {
    const tag = `e${run}-${String(i).padStart(3, '0')}`;
    const ref = `scale/evt:${tag}`;
    await evaluate(page, `window.__scale.armRow(${JSON.stringify(tag)}, true, 30000)`);
    await docker(o.dockerHost, 'tag', o.eventSource, ref);
    const exited = Date.now();
    const shown = await evaluate<number | null>(page, 'window.__scale.rowWait');
    if (shown === null) eventsMissed++;
    else eventsAdded.push(shown - exited);

    await evaluate(page, `window.__scale.armRow(${JSON.stringify(tag)}, false, 30000)`);
    await docker(o.dockerHost, 'rmi', ref);
    const removedAt = Date.now();
    const gone = await evaluate<number | null>(page, 'window.__scale.rowWait');
    if (gone === null) eventsMissed++;
    else eventsRemoved.push(gone - removedAt);
  }
  o.log(`events: ${eventsAdded.length} tags shown, ${eventsRemoved.length} removals seen, ${eventsMissed} missed`);

  const heapAfterAll = await heapUsed(context, page);
  return {
    firstRowsCold,
    firstRowsColdPage,
    firstRowsMarks,
    firstRows,
    firstRowsPrivate,
    wholeList,
    firstRowsReload,
    breakdown: { firstRow: diagFirstRow, listReplyAt: reply?.at ?? NaN, listReplyBytes: reply?.bytes ?? NaN },
    heapAfterLoad,
    heapAfterAll,
    keystrokes,
    lateUpdates,
    fastTyping,
    eventsAdded,
    eventsRemoved,
    eventsMissed,
    errors,
  };
};

/** Wall-clock helper for the log. */
export const since = (t: number): string => `${((performance.now() - t) / 1000).toFixed(1)} s`;
