import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { ApiClient } from '../api/client';
import { initI18n } from '../i18n';
import { useHost } from '../stores/host';
import { notifyFinished } from '../features/tasks/notify';
import { startTasksSync } from '../features/tasks/store';
import { App } from './App';

/** The UI, loaded after main.tsx has connected and started the stores. */
export const start = async (client: ApiClient): Promise<void> => {
  // Every module of the UI has been evaluated by now (bench:scale's breakdown of a page load).
  performance.mark('lading:ui-evaluated');
  await initI18n();
  startTasksSync(client, notifyFinished);
  void client.call('app.hostInfo', {}).then((info) => useHost.getState().set(info));
  const root = document.getElementById('root');
  if (!root) throw new Error('missing #root');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
};
