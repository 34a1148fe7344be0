import { BrowserWindow, Notification, type WebContents } from 'electron';

/**
 * A native notification for the renderer's "long work ended" message.
 * Clicking it brings the window that asked back to the front.
 */
export const showNotification = (n: { title: string; body: string }, contents: WebContents | undefined): void => {
  if (!Notification.isSupported()) return;
  const note = new Notification({ title: n.title, body: n.body, silent: false });
  note.on('click', () => {
    const win = contents && !contents.isDestroyed() ? BrowserWindow.fromWebContents(contents) : null;
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  note.show();
};
