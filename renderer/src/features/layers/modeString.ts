import type { EntryKind } from '../../../../shared/contract/layerModels';

const KIND_CHAR: Record<EntryKind, string> = { file: '-', dir: 'd', symlink: 'l', hardlink: 'h', other: '?' };

/** `ls -l` style permissions: "drwxr-xr-x". */
export const modeString = (kind: EntryKind, mode: number): string => {
  const bits = 'rwxrwxrwx';
  let out = KIND_CHAR[kind];
  for (let i = 0; i < 9; i++) out += mode & (1 << (8 - i)) ? bits[i] : '-';
  return out;
};
