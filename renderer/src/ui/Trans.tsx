import { useTranslation } from 'react-i18next';

/**
 * Renders a translated sentence whose only markup is <code>…</code>
 * (commands in help texts), without dangerouslySetInnerHTML.
 */
export function TextWithCode({ k, values }: { k: string; values?: Record<string, string | number> }) {
  const { t } = useTranslation();
  const text = t(k, values ?? {});
  const parts = text.split(/<code>(.*?)<\/code>/g);
  return <>{parts.map((p, i) => (i % 2 === 1 ? <code key={i}>{p}</code> : <span key={i}>{p}</span>))}</>;
}
