// What the bench runs inside the page, as plain JavaScript source (an init
// script runs before the app's own scripts). Kept as a string: functions
// compiled by tsx carry helpers that do not exist in the page.
//
// It only relies on what a user (or a screen reader) sees: the grid named
// "Images", its rows with grid cells, `role=status` texts. Nothing of the
// app's internals.

/** One keystroke, measured in the page (performance.now() time base). */
export interface KeystrokeSample {
  key: string;
  /** keydown's event.timeStamp. */
  keydown: number;
  /**
   * First animation frame after the grid/status DOM first showed the new
   * result: the first change at which the status text already reads what it
   * reads once settled (null: nothing changed).
   */
  reflected: number | null;
  /** First animation frame after the last change (cells filled in later, e.g. lazily loaded ones, included). */
  settled: number | null;
  /** First animation frame after the input event (the character echoed). */
  echoed: number | null;
  /**
   * When the grid/status DOM first showed the new result (a MutationObserver
   * callback, right after the commit): the keystroke's work, without the
   * wait for the next frame (null: nothing changed).
   */
  committed: number | null;
  /**
   * The first frame tick (vsync) after keydown, on the grid of a
   * requestAnimationFrame loop that runs while a key is armed: a frame can
   * show the new rows only if they were committed before it began.
   */
  nextFrame: number | null;
  /** The frame interval the loop measured (ms). */
  frameMs: number | null;
  /**
   * When the page's first keydown listener ran: keydown's timestamp to this is
   * the input's delivery (long when the renderer waits for a core), this to
   * `committed` the page's own work.
   */
  dispatched: number | null;
  /** Distinct grid/status states seen before it settled. */
  states: number;
  /** The status text once settled. */
  status: string;
}

export const HARNESS = String.raw`
(() => {
  if (window.__scale) return;
  const GRID_NAME = 'Images';
  const accName = (el) => {
    const label = el.getAttribute('aria-label');
    if (label) return label.trim();
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
    return ids.map((id) => (document.getElementById(id) || {}).textContent || '').join(' ').trim();
  };
  const grid = () => Array.from(document.querySelectorAll('[role=grid]')).find((g) => accName(g) === GRID_NAME) || null;
  const dataRows = (g) => Array.from(g.querySelectorAll('[role=row]')).filter((r) => r.querySelector('[role=gridcell]'));
  const statusText = () => Array.from(document.querySelectorAll('[role=status]')).map((s) => s.textContent.trim()).join(' | ');
  const signature = () => {
    const g = grid();
    const rows = g ? dataRows(g).slice(0, 8).map((r) => r.textContent).join('\n') : '<no grid>';
    return statusText() + '\n' + rows;
  };
  const frame = (rec, field) => requestAnimationFrame(() => { rec[field] = performance.now(); });

  const s = (window.__scale = {
    firstRowAt: null,
    firstRowEpoch: null,
    wholeListAt: null,
    key: null,
    rowWait: null,
    settled: null,
    looping: false,
    lastFrame: null,
    frameMs: null,
    late: 0,
    statusText,
    rowCount: () => { const g = grid(); return g ? dataRows(g).length : 0; },
    arm(key) {
      const sig = signature();
      // The page changed after the previous keystroke had settled: that update came late.
      if (s.settled !== null && sig !== s.settled) s.late++;
      s.key = { key, keydown: null, dispatched: null, nextFrame: null, echoed: null, start: sig, last: sig, changes: [] };
      // A frame loop while the key is armed: its timestamps (each frame's
      // vsync time) give the frame grid, so the first frame after keydown is known.
      s.looping = true;
      return new Promise((resolve) => {
        let seen = 0;
        const tick = (ts) => {
          if (s.lastFrame !== null && ts > s.lastFrame) s.frameMs = s.frameMs === null ? ts - s.lastFrame : Math.min(s.frameMs, ts - s.lastFrame);
          s.lastFrame = ts;
          if (++seen === 3) resolve();
          if (s.looping) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
    },
    settle(quietMs, capMs) {
      const k = s.key;
      const t0 = performance.now();
      return new Promise((resolve) => {
        const check = () => {
          const now = performance.now();
          const lastChange = k.changes.length ? k.changes[k.changes.length - 1] : null;
          const lastActivity = Math.max(k.keydown ?? t0, lastChange ? lastChange.at : 0);
          const framesDone = k.echoed !== null && (!lastChange || lastChange.frame !== null);
          if ((k.keydown !== null && framesDone && now - lastActivity >= quietMs) || now - t0 > capMs) {
            s.key = null;
            s.looping = false;
            s.settled = signature();
            const changed = k.last !== k.start && lastChange;
            const finalStatus = statusText();
            const shown = changed ? k.changes.find((c) => c.status === finalStatus) || lastChange : null;
            resolve({
              key: k.key,
              keydown: k.keydown ?? NaN,
              reflected: shown ? shown.frame : null,
              settled: changed ? lastChange.frame : null,
              echoed: k.echoed,
              committed: shown ? shown.at : null,
              nextFrame: k.nextFrame,
              dispatched: k.dispatched,
              frameMs: s.frameMs,
              states: k.changes.length,
              status: statusText(),
            });
          } else setTimeout(check, 10);
        };
        setTimeout(check, 10);
      });
    },
    armRow(token, present, capMs) {
      const has = () => { const g = grid(); return !!g && dataRows(g).some((r) => r.textContent.includes(token)); };
      let done;
      const p = new Promise((resolve) => { done = resolve; });
      const mo = new MutationObserver(() => { if (has() === present) finish(Date.now()); });
      const timer = setTimeout(() => finish(null), capMs);
      const finish = (at) => { mo.disconnect(); clearTimeout(timer); done(at); };
      mo.observe(document, { subtree: true, childList: true, characterData: true });
      if (has() === present) finish(Date.now());
      s.rowWait = p;
    },
  });

  // First data row of the grid in the DOM, from navigation start; then the
  // whole list in it (the grid no longer aria-busy: it may first show only
  // the first screen's rows).
  const first = new MutationObserver(() => {
    const g = grid();
    if (!g || dataRows(g).length === 0) return;
    if (s.firstRowAt === null) {
      s.firstRowAt = performance.now();
      s.firstRowEpoch = Date.now();
    }
    if (g.getAttribute('aria-busy') !== 'true') {
      s.wholeListAt = performance.now();
      first.disconnect();
    }
  });
  first.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-busy'] });

  // Keystrokes: keydown time, echo frame, and every distinct grid/status state.
  window.addEventListener('keydown', (e) => {
    const k = s.key;
    if (!k || k.keydown !== null) return;
    k.keydown = e.timeStamp;
    k.dispatched = performance.now();
    // Frame timestamps are vsync times, one interval apart (the minimum gap seen:
    // a busy main thread skips frames, it never shortens them).
    if (s.lastFrame !== null && s.frameMs) k.nextFrame = s.lastFrame + (Math.floor((e.timeStamp - s.lastFrame) / s.frameMs) + 1) * s.frameMs;
  }, true);
  window.addEventListener('input', () => { const k = s.key; if (k && k.echoed === null) requestAnimationFrame(() => { if (k.echoed === null) k.echoed = performance.now(); }); }, true);
  new MutationObserver(() => {
    const k = s.key;
    if (!k) return;
    const at = performance.now(); // before reading the page, which takes time of its own
    const sig = signature();
    if (sig === k.last) return;
    k.last = sig;
    const rec = { at, frame: null, status: statusText() };
    k.changes.push(rec);
    frame(rec, 'frame');
  }).observe(document, { subtree: true, childList: true, characterData: true });
})();
`;
