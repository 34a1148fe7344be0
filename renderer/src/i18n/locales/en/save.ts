export const save = {
  title: 'Save image to a file',
  images: 'Images: {{refs}}',
  path: 'File path',
  pathHint:
    'A path on the machine running Lading. Lading writes {{partial}} first and renames it when the save completes.',
  browse: 'Browse…',
  overwrite: 'Replace the file if it exists',
  start: 'Save',
  cancel: 'Cancel',
  close: 'Close',
  cancelSave: 'Cancel save',
  progressLabel: 'Save progress',
  progress: '{{done}} of about {{total}} · {{speed}}/s',
  preparing: 'The engine is preparing the archive (about {{total}})…',
  done: 'Saved {{size}} to {{path}}',
  cancelled: 'Save cancelled. No file was left behind.',
  failed: 'The save failed. No file was left behind.',
} as const;
