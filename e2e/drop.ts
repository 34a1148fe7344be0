import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Drags files from "the desktop" onto the window: a DataTransfer holding
 * Files built from the files' bytes, then dragenter, dragover and drop, as a
 * browser fires them. The drop overlay must announce itself meanwhile.
 */
export const dropFiles = async (page: Page, paths: string[]) => {
  const files = paths.map((p) => ({ name: basename(p), b64: readFileSync(p).toString('base64') }));
  // A string, not a function: this file is type-checked without the DOM library.
  const dataTransfer = await page.evaluateHandle(`(() => {
    const dt = new DataTransfer();
    for (const { name, b64 } of ${JSON.stringify(files)}) {
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], name, { type: 'application/x-tar' }));
    }
    return dt;
  })()`);
  await page.dispatchEvent('main', 'dragenter', { dataTransfer });
  await expect(page.getByRole('region', { name: 'Drop image archives to load them' })).toBeVisible();
  await page.dispatchEvent('main', 'dragover', { dataTransfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer });
  await expect(page.getByRole('region', { name: 'Drop image archives to load them' })).toBeHidden();
  return page.getByRole('dialog', { name: 'Load images from an archive' });
};

/** A DataTransfer made in the page holding one small text file (a drag that is not a folder). */
export const textFileTransfer = (page: Page, name: string, text: string) =>
  // A string, not a function: this file is type-checked without the DOM library.
  page.evaluateHandle(`(() => {
    const dt = new DataTransfer();
    dt.items.add(new File([${JSON.stringify(text)}], ${JSON.stringify(name)}, { type: 'text/plain' }));
    return dt;
  })()`);

/**
 * Drags real files or folders from disk onto the page at (x, y), as the
 * operating system would: Chromium's own drag (DevTools protocol), so a
 * folder arrives with its File System entries, which a DataTransfer made
 * in the page cannot hold.
 */
export const dropFromDisk = async (page: Page, paths: string[], at = { x: 600, y: 400 }) => {
  const cdp = await page.context().newCDPSession(page);
  const data = { items: [], files: paths, dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const) {
    await cdp.send('Input.dispatchDragEvent', { type, ...at, data });
  }
  await cdp.detach();
};
