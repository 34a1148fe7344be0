import { useTranslation } from 'react-i18next';
import { containerList } from '../../i18n/containerState';
import type { RemoveOutcome } from '../../../../shared/contract/imageModels';
import { shortId } from '../../../../shared/images/rows';

/** One reference's result: what was untagged/deleted, or why the engine refused, naming the containers. */
export function RemoveOutcomeItem({ outcome }: { outcome: RemoveOutcome }) {
  const { t } = useTranslation();
  const name = outcome.reference.startsWith('sha256:') ? shortId(outcome.reference) : outcome.reference;
  if (outcome.ok) {
    const deletedImage = outcome.deleted.length > 0;
    return (
      <li className="ok">
        <strong>{name}</strong>{' '}
        {deletedImage
          ? t('images.removeDialog.deleted', { count: outcome.deleted.length })
          : t('images.removeDialog.untagged')}
      </li>
    );
  }
  const names = containerList(t, outcome.containers);
  return (
    <li className="error-item">
      <strong>{name}</strong>{' '}
      {t(`images.removeDialog.refusal.${outcome.refusal}`, { names, count: outcome.containers.length })}
      {outcome.refusal === 'other' ? <div className="error-details">{outcome.error.message}</div> : null}
    </li>
  );
}
