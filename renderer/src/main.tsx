import { connectClient } from './api/connect';
import { setApiClient } from './api/instance';
import { startSync } from './stores/sync';
import './app/app.css';

// The link to the backend and the stores start here, in a small first chunk,
// while the browser is still fetching and compiling the UI (React, the
// views, the translations): the image list is on its way before any of it
// runs, and the first render finds it in the store.
const client = connectClient();
setApiClient(client);
startSync(client);
void import('./app/start').then(({ start }) => start(client));
