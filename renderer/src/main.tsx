import './zodConfig';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectClient } from './api/connect';
import { setApiClient } from './api/instance';
import { App } from './app/App';
import { initI18n } from './i18n';
import { useHost } from './stores/host';
import { startSync } from './stores/sync';
import { notifyFinished } from './features/tasks/notify';
import { startTasksSync } from './features/tasks/store';
import './app/app.css';

const boot = async () => {
  await initI18n();
  const client = connectClient();
  setApiClient(client);
  startSync(client);
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

void boot();
