import type { ImageAction } from '../images/imageAction';
import { PullDialog, PushDialog, UpdateDialog } from './RegistryDialogs';
import { useTransfers } from './transfers';

/** Tagged references of the selection (Update and Push work on tags, not bare IDs). */
const tagged = (references: string[]) => references.filter((r) => !r.startsWith('sha256:') && !r.includes('<none>'));

/** The images toolbar's registry group: Pull…, Push…, Update. */
export const registryActions: ImageAction[] = [
  {
    id: 'pull',
    group: 'registry',
    icon: 'pull',
    label: ({ t }) => t('registries.actions.pull'),
    ariaLabel: ({ t }) => t('registries.actions.pullLabel'),
    run: ({ show }) => show((close) => <PullDialog onClose={close} />),
  },
  {
    id: 'push',
    group: 'registry',
    icon: 'push',
    label: ({ t }) => t('registries.actions.push'),
    ariaLabel: ({ t }) => t('registries.actions.pushLabel'),
    enabled: ({ references }) => tagged(references).length === 1,
    run: ({ references, show }) => {
      const source = tagged(references)[0];
      if (source) show((close) => <PushDialog source={source} onClose={close} />);
    },
  },
  {
    id: 'update',
    group: 'registry',
    icon: 'update',
    label: ({ t }) => t('registries.actions.update'),
    ariaLabel: ({ t }) => t('registries.actions.updateLabel'),
    enabled: ({ references }) => tagged(references).length > 0,
    run: ({ references, show }) => {
      const refs = tagged(references);
      // Started here, once per click (not in a component that may render twice).
      const id = useTransfers.getState().update(refs);
      show((close) => <UpdateDialog id={id} count={refs.length} onClose={close} />);
    },
  },
];
