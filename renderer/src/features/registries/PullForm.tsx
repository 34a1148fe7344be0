import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseReference } from '../../../../shared/contract/reference';
import { useTransfers } from './transfers';

/** `docker pull [-a] [--platform P] NAME[:TAG|@DIGEST]`. */
export function PullForm({ onStarted }: { onStarted?: (id: string) => void } = {}) {
  const { t } = useTranslation();
  const pull = useTransfers((s) => s.pull);
  const [reference, setReference] = useState('');
  const [allTags, setAllTags] = useState(false);
  const [platform, setPlatform] = useState('');
  const trimmed = reference.trim();
  const parsed = trimmed ? parseReference(trimmed, { allowDigest: true }) : null;
  const problem = parsed && !parsed.ok ? parsed.problem : null;
  return (
    <form
      className="pull-form"
      aria-label={t('registries.pull.heading')}
      onSubmit={(e) => {
        e.preventDefault();
        if (!parsed?.ok) return;
        const id = pull(trimmed, { allTags, ...(platform.trim() ? { platform: platform.trim() } : {}) });
        onStarted?.(id);
        setReference('');
      }}
    >
      <label>
        {t('registries.pull.reference')}
        <input
          type="text"
          value={reference}
          placeholder={t('registries.pull.referencePlaceholder')}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => setReference(e.target.value)}
          spellCheck={false}
          autoCapitalize="off"
        />
      </label>
      <label>
        {t('registries.pull.platform')}
        <input
          type="text"
          className="narrow"
          value={platform}
          placeholder={t('registries.pull.platformPlaceholder')}
          onChange={(e) => setPlatform(e.target.value)}
          spellCheck={false}
        />
      </label>
      <label className="check">
        <input type="checkbox" checked={allTags} onChange={(e) => setAllTags(e.target.checked)} />
        {t('registries.pull.allTags')}
      </label>
      <button type="submit" className="primary" disabled={!parsed?.ok}>
        {t('registries.pull.button')}
      </button>
      {problem && problem !== 'empty' ? (
        <p className="field-problem" role="alert">
          {t('registries.pull.invalid', { problem: t(`images.tagDialog.problem.${problem}`) })}
        </p>
      ) : null}
    </form>
  );
}
