import { useTranslation } from 'react-i18next';
import type { RemovePlanItem } from '../../../../shared/contract/imageModels';
import { formatBytes } from '../../i18n/format';
import { containerList } from '../../i18n/containerState';
import { useDiskUsage } from '../../stores/diskUsage';
import { shortId } from '../../../../shared/images/rows';

/** One reference of the remove plan: what the engine will do to it, in one or two sentences. */
export function RemovePlanLine({ item: p, force }: { item: RemovePlanItem; force: boolean }) {
  const { t, i18n } = useTranslation();
  const perImage = useDiskUsage((s) => s.usage?.perImage);
  const fmt = (n: number) => formatBytes(n, i18n.language);
  const names = containerList(t, p.containers);
  const count = p.containers.length;
  const running = containerList(
    t,
    p.containers.filter((c) => ['running', 'paused', 'restarting'].includes(c.state)),
  );
  const what = () => {
    if (p.action === 'refused') {
      switch (p.refusal) {
        case 'in-use':
          return <div className="warn">{t('images.removeDialog.usedBy', { count, names })}</div>;
        case 'in-use-running':
          return <div className="warn">{t('images.removeDialog.plan.refusedRunning', { count, names: running })}</div>;
        case 'has-children':
          return <div className="warn">{t('images.removeDialog.plan.refusedChildren')}</div>;
        case 'several-tags':
          return <div className="warn">{t('images.removeDialog.needsForce')}</div>;
        case 'not-found':
          return t('images.removeDialog.plan.refusedNotFound');
        default:
          return <div className="warn">{t('images.removeDialog.plan.refusedOther')}</div>;
      }
    }
    if (p.action === 'untag') {
      if (p.remainingTags.length) return t('images.removeDialog.untagOnly', { tags: p.remainingTags.join(', ') });
      if (p.keptBecause === 'in-use-running') return t('images.removeDialog.plan.keptRunning', { names: running });
      if (p.keptBecause === 'has-children') return t('images.removeDialog.plan.keptChildren');
      return t('images.removeDialog.plan.keptInUse', { names });
    }
    const parents = (p.deletes?.length ?? 1) - 1;
    return (
      <>
        {t('images.removeDialog.deletes', {
          id: shortId(p.imageId),
          count: p.layers,
          freed:
            perImage?.[p.imageId] !== undefined
              ? t('images.removeDialog.freesExactly', { size: fmt(perImage[p.imageId]?.unique ?? 0) })
              : t('images.removeDialog.freesUpTo', { size: fmt(p.size) }),
        })}
        {parents > 0 ? ` ${t('images.removeDialog.plan.alsoParents', { count: parents })}` : null}
        {count > 0 && force ? (
          <div className="warn">{t('images.removeDialog.plan.forcedPastContainer', { names })}</div>
        ) : null}
      </>
    );
  };
  return (
    <li className={p.action === 'refused' ? 'plan-refused' : undefined}>
      <strong translate="no">{p.reference.startsWith('sha256:') ? shortId(p.reference) : p.reference}</strong> {what()}
    </li>
  );
}
