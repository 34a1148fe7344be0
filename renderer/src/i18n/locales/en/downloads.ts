/** Serve mode: saves and exports download to the browser's computer. */
export const downloads = {
  name: 'File name',
  nameHint: 'Your browser stores the archive in its downloads folder as it arrives; nothing is kept on the server.',
  progressLabel: 'Download progress',
  done: 'Downloaded {{size}} as {{name}}.',
  cancelled: 'Download cancelled. Nothing was kept on the server.',
  failed: 'The download failed. Nothing was kept on the server.',
  fullPath:
    'Type a full path, starting at the top of the disk (for example /home/you/images.tar or C:\\Users\\you\\images.tar).',
} as const;
