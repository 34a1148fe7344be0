import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiErrorData } from '../../../../shared/contract/errors';
import { parseReference, withDefaultTag } from '../../../../shared/contract/reference';
import { toErrorData } from '../../api/errorData';
import { api } from '../../api/instance';
import { useImages } from '../../stores/images';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useTransfers } from './transfers';

/**
 * `docker push`: pick a local image and where it goes. When the image has
 * no such tag yet, the tag step is offered inline (`docker tag` then
 * `docker push`), as the seeds teach it.
 */
export function PushPanel({ initial, onStarted }: { initial?: string; onStarted?: (id: string) => void }) {
  const { t } = useTranslation();
  const push = useTransfers((s) => s.push);
  const images = useImages((s) => s.images);
  const tags = useMemo(() => [...new Set(images.flatMap((i) => i.repoTags))].sort(), [images]);
  const [source, setSource] = useState(initial ?? '');
  const [target, setTarget] = useState('');
  const status = useImages((s) => s.status);
  useEffect(() => {
    if (status === 'idle') void useImages.getState().load();
  }, [status]);
  const [error, setError] = useState<ApiErrorData | null>(null);
  const [busy, setBusy] = useState(false);

  const wanted = target.trim();
  const parsed = wanted ? parseReference(wanted) : null;
  const problem = parsed && !parsed.ok ? parsed.problem : null;
  const domain = parsed?.ok ? parsed.value.domain : undefined;
  const full = wanted && parsed?.ok ? withDefaultTag(wanted) : '';
  const owner = images.find((i) => i.repoTags.includes(source));
  const alreadyTagged = !!owner && owner.repoTags.includes(full);
  const ready = !!owner && !!full && !!domain;

  const run = async () => {
    if (!ready) return;
    setError(null);
    if (!alreadyTagged) {
      setBusy(true);
      try {
        await api().call('images.tag', { source, target: full });
      } catch (err) {
        setBusy(false);
        setError(toErrorData(err));
        return;
      }
      setBusy(false);
    }
    // Not `onStarted?.(push(full))`: an optional call skips evaluating its argument.
    const id = push(full);
    onStarted?.(id);
  };

  return (
    <div className="panel-body">
      <form
        className="stack-form"
        aria-label={t('registries.tab.push')}
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <label>
          {t('registries.push.image')}
          <select value={source} onChange={(e) => setSource(e.target.value)}>
            <option value="">{t('registries.push.chooseImage')}</option>
            {tags.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('registries.push.target')}
          <input
            type="text"
            value={target}
            placeholder={t('registries.push.targetPlaceholder')}
            aria-invalid={problem ? true : undefined}
            aria-describedby="push-target-hint"
            onChange={(e) => setTarget(e.target.value)}
            spellCheck={false}
          />
        </label>
        <p id="push-target-hint" className="muted">
          {t('registries.push.targetHint')}
        </p>
        {problem && problem !== 'empty' ? (
          <p className="field-problem" role="alert">
            {t('registries.push.invalid', { problem: t(`images.tagDialog.problem.${problem}`) })}
          </p>
        ) : null}
        {parsed?.ok && !domain ? <p className="field-problem">{t('registries.push.noRegistry')}</p> : null}
        {ready && !alreadyTagged ? (
          <p className="notice">{t('registries.push.needsTag', { registry: domain, target: full })}</p>
        ) : null}
        <div>
          <button type="submit" className="primary" disabled={!ready || busy}>
            {ready && !alreadyTagged ? t('registries.push.tagAndPush') : t('registries.push.button')}
          </button>
        </div>
        {error ? <ErrorMessage error={error} lead={t('registries.push.tagFailed')} /> : null}
      </form>
    </div>
  );
}
