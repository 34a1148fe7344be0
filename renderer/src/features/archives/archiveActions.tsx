import { lazy, Suspense } from 'react';
import type { ImageAction } from '../images/imageAction';
import { ExportDialog } from './ExportDialog';
import { LOADABLE_ARCHIVES } from './formats';
import { LoadDialog } from './LoadDialog';
import { SaveDialog } from './SaveDialog';

// Loaded when opened: its checks of --change lines use the contract's zod
// schema, and zod kept out of the first screen's scripts is time off every
// page load (README, issue 12).
const ImportDialog = lazy(() => import('./ImportDialog').then((m) => ({ default: m.ImportDialog })));

/** The images toolbar's archive group: Load…, Save…, Import…, Export container…. */
export const archiveActions: ImageAction[] = [
  {
    id: 'load',
    group: 'archive',
    icon: 'load',
    label: ({ t }) => t('load.button'),
    ariaLabel: ({ t }) => t('load.buttonLabel'),
    files: {
      accept: LOADABLE_ARCHIVES,
      multiple: true,
      picked: ({ show }, files) => show((close) => <LoadDialog files={files} onClose={close} />),
    },
  },
  {
    id: 'save',
    group: 'archive',
    icon: 'save',
    label: ({ t }) => t('save.button'),
    ariaLabel: ({ t }) => t('save.buttonLabel'),
    // Save… starts from the images selected when it was clicked.
    run: ({ show, references }) => show((close) => <SaveDialog references={references} editable onClose={close} />),
  },
  {
    id: 'import',
    group: 'archive',
    icon: 'import',
    label: ({ t }) => t('archives.import.button'),
    ariaLabel: ({ t }) => t('archives.import.buttonLabel'),
    run: ({ show }) =>
      show((close) => (
        <Suspense fallback={null}>
          <ImportDialog onClose={close} />
        </Suspense>
      )),
  },
  {
    id: 'export',
    group: 'archive',
    icon: 'export',
    label: ({ t }) => t('archives.export.button'),
    ariaLabel: ({ t }) => t('archives.export.buttonLabel'),
    run: ({ show }) => show((close) => <ExportDialog onClose={close} />),
  },
];
