import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DropZone } from '../features/archives/DropZone';
import { ConnectionBanners } from '../features/connection/Banners';
import { EngineBadge } from '../features/connection/EngineBadge';
import { FirstRun } from '../features/connection/FirstRun';
import { LanguagePicker } from '../features/settings/LanguagePicker';
import { SaveDialog } from '../features/archives/SaveDialog';
import { TasksDrawer } from '../features/tasks/TasksDrawer';
import { useConnection } from '../stores/connection';
import { routeHash, useRoute } from './route';
import { defaultView, views } from './views';

export function App() {
  const { t } = useTranslation();
  const engine = useConnection((s) => s.engine);
  const [saving, setSaving] = useState<string[] | null>(null);
  const neverConnected = engine?.status === 'not-found';
  const route = useRoute();
  const current = views.find((v) => v.id === route.view) ?? views.find((v) => v.id === defaultView)!;

  return (
    <div className="app">
      <header className="app-header">
        <span className="brand">{t('app.title')}</span>
        <nav aria-label={t('app.mainNavigation')}>
          {views
            .filter((v) => !v.hidden)
            .map((v) => (
              <a key={v.id} href={routeHash(v.id)} aria-current={v.id === current.id ? 'page' : undefined}>
                {t(`app.${v.label}`)}
              </a>
            ))}
        </nav>
        <EngineBadge />
        <TasksDrawer />
        <LanguagePicker />
      </header>
      <ConnectionBanners />
      <main className="app-main" id={current.id}>
        {engine?.status === 'connecting' ? (
          <p role="status">{t('engine.connecting', { host: engine.host })}</p>
        ) : neverConnected ? (
          <FirstRun state={engine} />
        ) : (
          current.render(route.params, { onSave: setSaving })
        )}
      </main>
      {neverConnected ? null : <DropZone />}
      {saving ? <SaveDialog references={saving} onClose={() => setSaving(null)} /> : null}
    </div>
  );
}
