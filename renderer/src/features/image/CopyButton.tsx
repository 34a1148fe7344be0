import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Copies a text; says "Copied" for a moment (and to screen readers) when it worked. */
export function CopyButton({ text, label, children }: { text: string; label: string; children?: string }) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <button
      type="button"
      className="small"
      aria-label={label}
      onClick={() => {
        void (navigator.clipboard?.writeText(text) ?? Promise.reject(new Error('no clipboard')))
          .then(() => setState('copied'))
          .catch(() => setState('failed'));
      }}
    >
      <span aria-live="polite">
        {state === 'copied'
          ? t('image.copied')
          : state === 'failed'
            ? t('image.copyFailed')
            : (children ?? t('image.copy'))}
      </span>
    </button>
  );
}
