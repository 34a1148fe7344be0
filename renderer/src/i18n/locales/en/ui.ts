/** Shared controls: toolbar overflow, file picker, copy feedback. */
export const ui = {
  more: 'More',
  chooseFile: 'Choose a file…',
  chooseFiles: 'Choose files…',
  noFileChosen: 'No file chosen',
  filesChosen_one: '{{count}} file',
  filesChosen_other: '{{count}} files',
} as const;
