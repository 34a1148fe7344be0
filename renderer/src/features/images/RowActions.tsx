import type { TFunction } from 'i18next';
import { template } from '../../i18n/template';
import { MaskIcon } from '../../ui/icons';
import { imageHash } from '../image/imageRoute';
import { useRunDialog } from '../containers/runDialogStore';
import type { ImageRow } from '../../../../shared/images/rows';

/** What Run starts from: a tag when the row has one (a grouped row names its first), else the ID. */
const runReference = (row: ImageRow): string =>
  row.dangling ? row.id : row.reference === row.id && row.repoTags.length ? (row.repoTags[0] as string) : row.reference;

// The three names, translated once per language: every visible row renders them on each filter keystroke.
let labelsFor: { t: TFunction; save(n: string): string; run(n: string): string; open(n: string): string } | null = null;
const actionLabels = (t: TFunction) =>
  labelsFor?.t === t
    ? labelsFor
    : (labelsFor = {
        t,
        save: template(t, 'images.saveNamed'),
        run: template(t, 'containers.run.actionNamed', 'image'),
        open: template(t, 'image.openNamed'),
      });

/**
 * A row's own actions: Save…, Run… and Open, as icon buttons (three words do
 * not fit beside the columns at 1024 px in English); each has its full name
 * as accessible name and tooltip. Only the active row's are Tab stops.
 * The icons are MaskIcons, not inline SVGs, which cost every filter keystroke.
 */
export function RowActions({
  image,
  active,
  t,
  onSave,
}: {
  image: ImageRow;
  active: boolean;
  t: TFunction;
  onSave(rows: ImageRow[]): void;
}) {
  const name = image.dangling ? image.shortId : image.reference;
  const tabIndex = active ? 0 : -1;
  const labels = actionLabels(t);
  const save = labels.save(name);
  const run = labels.run(name);
  const open = labels.open(name);
  return (
    <span className="row-actions">
      {[
        { label: save, icon: 'save' as const, act: () => onSave([image]) },
        { label: run, icon: 'run' as const, act: () => useRunDialog.getState().open(runReference(image)) },
      ].map((b) => (
        <button
          key={b.icon}
          type="button"
          className="small icon-button"
          tabIndex={tabIndex}
          aria-label={b.label}
          title={b.label}
          onClick={(e) => {
            e.stopPropagation();
            b.act();
          }}
        >
          <MaskIcon name={b.icon} />
        </button>
      ))}
      <a
        className="button small icon-button"
        href={imageHash(image.id)}
        tabIndex={tabIndex}
        aria-label={open}
        title={open}
        onClick={(e) => e.stopPropagation()}
      >
        <MaskIcon name="open" />
      </a>
    </span>
  );
}
