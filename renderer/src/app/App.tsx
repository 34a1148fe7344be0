import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DropZone } from '../features/archives/DropZone';
import { ConnectionBanners } from '../features/connection/Banners';
import { EngineBadge } from '../features/connection/EngineBadge';
import { FirstRun } from '../features/connection/FirstRun';
import { ImagesView } from '../features/images/ImagesView';
import { LanguagePicker } from '../features/settings/LanguagePicker';
import { SaveDialog } from '../features/archives/SaveDialog';
import { useConnection } from '../stores/connection';

export function App() {
  const { t } = useTranslation();
  const engine = useConnection((s) => s.engine);
  const [saving, setSaving] = useState<string[] | null>(null);
  const neverConnected = engine?.status === 'not-found';

  return (
    <div className="app">
      <header className="app-header">
        <span className="brand">{t('app.title')}</span>
        <nav aria-label={t('app.mainNavigation')}>
          <a href="#images" aria-current="page">
            {t('app.images')}
          </a>
        </nav>
        <EngineBadge />
        <LanguagePicker />
      </header>
      <ConnectionBanners />
      <main className="app-main" id="images">
        {engine?.status === 'connecting' ? (
          <p role="status">{t('engine.connecting', { host: engine.host })}</p>
        ) : neverConnected ? (
          <FirstRun state={engine} />
        ) : (
          <ImagesView onSave={setSaving} />
        )}
      </main>
      {neverConnected ? null : <DropZone />}
      {saving ? <SaveDialog references={saving} onClose={() => setSaving(null)} /> : null}
    </div>
  );
}
