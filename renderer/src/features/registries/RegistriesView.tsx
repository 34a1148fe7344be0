import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/route';
import { BrowsePanel } from './BrowsePanel';
import { LoginsPanel } from './LoginsPanel';
import { MirrorsPanel } from './MirrorsPanel';
import { PullForm } from './PullForm';
import { PushPanel } from './PushPanel';
import { SearchPanel } from './SearchPanel';
import { TransfersPanel } from './TransferCard';
import './registries.css';

const TABS = ['search', 'browse', 'push', 'logins', 'mirrors'] as const;
type Tab = (typeof TABS)[number];

/** `#registries/<tab>[/<reference>]`: search, browse, push, logins, mirrors; pulls and pushes beside them. */
export function RegistriesView({ params }: { params: string[] }) {
  const { t } = useTranslation();
  const tab: Tab = (TABS as readonly string[]).includes(params[0] ?? '') ? (params[0] as Tab) : 'search';
  return (
    <div className="registries-view">
      <div className="registries-main">
        <div className="toolbar">
          <h1>{t('registries.title')}</h1>
        </div>
        <PullForm />
        <div role="tablist" aria-label={t('registries.tabs')} className="tabs">
          {TABS.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`registries-tab-${id}`}
              aria-selected={tab === id}
              aria-controls="registries-panel"
              tabIndex={tab === id ? 0 : -1}
              onClick={() => navigate('registries', id)}
              onKeyDown={(e) => {
                const i = TABS.indexOf(id);
                const next =
                  e.key === 'ArrowRight'
                    ? TABS[(i + 1) % TABS.length]
                    : e.key === 'ArrowLeft'
                      ? TABS[(i + TABS.length - 1) % TABS.length]
                      : undefined;
                if (next) {
                  navigate('registries', next);
                  requestAnimationFrame(() => document.getElementById(`registries-tab-${next}`)?.focus());
                }
              }}
            >
              {t(`registries.tab.${id}`)}
            </button>
          ))}
        </div>
        <div role="tabpanel" id="registries-panel" aria-labelledby={`registries-tab-${tab}`} className="tab-panel">
          {tab === 'search' ? <SearchPanel /> : null}
          {tab === 'browse' ? <BrowsePanel /> : null}
          {tab === 'push' ? <PushPanel {...(params[1] ? { initial: params[1] } : {})} /> : null}
          {tab === 'logins' ? <LoginsPanel /> : null}
          {tab === 'mirrors' ? <MirrorsPanel /> : null}
        </div>
      </div>
      <TransfersPanel />
    </div>
  );
}
