import { useTranslation } from 'react-i18next';
import { useConnection } from '../../stores/connection';

/** Header badge: which engine, which version, connected or not. */
export function EngineBadge() {
  const { t } = useTranslation();
  const engine = useConnection((s) => s.engine);
  if (!engine) return null;
  const info = engine.engine;
  return (
    <div className={`engine-badge engine-${engine.status}`} role="status" aria-label={t('engine.label')}>
      <span className="dot" aria-hidden="true" />
      {/* The engine's name and version are its own words: not translated. */}
      <span translate="no">
        {info
          ? t('engine.versionLine', {
              kind: t(`engine.kind_${info.kind}`),
              version: info.version,
              apiVersion: info.apiVersion,
            })
          : engine.host}
      </span>
    </div>
  );
}
