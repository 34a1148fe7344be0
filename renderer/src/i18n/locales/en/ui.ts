/** Shared controls: toolbar overflow, file picker, copy feedback. */
export const ui = {
  more: 'More',
  chooseFile: 'Choose a file…',
  chooseFiles: 'Choose files…',
  noFileChosen: 'No file chosen',
  filesChosen_one: '{{count}} file',
  filesChosen_other: '{{count}} files',
  containerWithState: '{{name}} ({{state}})',
  containerState: {
    created: 'created',
    running: 'running',
    paused: 'paused',
    restarting: 'restarting',
    removing: 'removing',
    exited: 'exited',
    dead: 'dead',
  },
} as const;
