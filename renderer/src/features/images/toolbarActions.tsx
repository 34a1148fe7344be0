import { archiveActions } from '../archives/archiveActions';
import { navigate } from '../../app/route';
import { compareHash, imageHash } from '../image/imageRoute';
import { registryActions } from '../registries/registryActions';
import { useTablePrefs } from '../../stores/tablePrefs';
import { ColumnsMenu } from './ColumnsMenu';
import { DiskUsageDialog } from './DiskUsageDialog';
import { IMAGE_ACTION_GROUPS, type ImageAction } from './imageAction';
import { PruneDialog } from './PruneDialog';
import { RemoveDialog } from './RemoveDialog';
import { TagDialog } from './TagDialog';
import { RunDialog } from '../containers/RunDialog';

/**
 * Every entry of the images toolbar, one object each (see ImageAction). To
 * add an action, add one entry in its group's slot below; the toolbar sorts
 * by group, so the position inside the file only orders entries in a group.
 */
const entries: ImageAction[] = [
  // ── image: actions on the selection
  {
    id: 'tag',
    group: 'image',
    icon: 'tag',
    label: ({ t }) => t('images.tagAction'),
    enabled: ({ selected }) => selected.length === 1,
    run: ({ selected, show }) => {
      const source = selected[0]?.reference;
      if (source) show((close) => <TagDialog source={source} onClose={close} />);
    },
  },
  {
    id: 'remove',
    group: 'image',
    icon: 'trash',
    label: ({ t, selected }) =>
      selected.length > 1 ? t('images.removeMany', { count: selected.length }) : t('images.removeAction'),
    enabled: ({ selected }) => selected.length > 0,
    run: ({ references, show, clearSelection }) =>
      show((close) => (
        <RemoveDialog
          references={references}
          onClose={() => {
            close();
            clearSelection();
          }}
        />
      )),
  },

  // ── registry: Pull, Push, Update from registries
  ...registryActions,

  // ── make: Build, Run
  { id: 'build', group: 'make', icon: 'build', label: ({ t }) => t('build.toolbar'), run: () => navigate('build') },
  {
    id: 'run',
    group: 'make',
    icon: 'run',
    label: ({ t }) => t('containers.run.action'),
    enabled: ({ selected }) => selected.length === 1,
    run: ({ selected, show }) => {
      const image = selected[0]?.reference;
      if (image) show((close) => <RunDialog image={image} onClose={close} />);
    },
  },

  // ── page: Compare, Open (the image page)
  {
    id: 'open',
    group: 'page',
    icon: 'open',
    label: ({ t }) => t('image.open'),
    ariaLabel: ({ t }) => t('image.compare.openSelected'),
    enabled: ({ selected }) => new Set(selected.map((r) => r.id)).size === 1,
    run: ({ selected }) => {
      if (selected[0]) window.location.hash = imageHash(selected[0].id);
    },
  },
  {
    id: 'compare',
    group: 'page',
    icon: 'compare',
    label: ({ t }) => t('image.compare.action'),
    ariaLabel: ({ t }) => t('image.compare.actionLabel'),
    enabled: ({ selected }) => new Set(selected.map((r) => r.id)).size >= 2,
    run: ({ selected }) => {
      window.location.hash = compareHash([...new Set(selected.map((r) => r.id))]);
    },
  },

  // ── archive
  ...archiveActions,

  // ── space: what images take on disk
  {
    id: 'disk-usage',
    group: 'space',
    icon: 'disk',
    label: ({ t }) => t('images.df.button'),
    run: ({ show }) => show((close) => <DiskUsageDialog onClose={close} />),
  },
  {
    id: 'prune',
    group: 'space',
    icon: 'prune',
    label: ({ t }) => t('images.pruneDialog.button'),
    run: ({ show }) => show((close) => <PruneDialog onClose={close} />),
  },

  // ── view: how the table shows images
  {
    id: 'group-by-image',
    group: 'view',
    icon: 'group',
    label: ({ t }) => t('images.groupByImage'),
    pressed: () => useTablePrefs.getState().groupByImage,
    run: () => {
      const prefs = useTablePrefs.getState();
      prefs.setGroupByImage(!prefs.groupByImage);
    },
  },
  {
    id: 'details',
    group: 'view',
    icon: 'details',
    label: ({ t }) => t('images.details.toggle'),
    pressed: ({ details }) => details.shown,
    run: ({ details }) => details.set(!details.shown),
  },
  {
    id: 'columns',
    group: 'view',
    icon: 'columns',
    label: ({ t }) => t('images.columns.button'),
    render: () => <ColumnsMenu />,
  },
];

const rank = (a: ImageAction) => IMAGE_ACTION_GROUPS.indexOf(a.group);

/** The entries in toolbar order: by group, then as listed. */
export const imageActions: readonly ImageAction[] = entries
  .map((a, i) => ({ a, i }))
  .sort((x, y) => rank(x.a) - rank(y.a) || x.i - y.i)
  .map(({ a }) => a);
