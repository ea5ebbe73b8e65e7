/** Mounts the playground: styles, the start-up wiring (link or saved doc, URL sync, engine bridge), and <App/>. */
import './url/jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startPlayground } from './state/boot';
import { appStore } from './state/store';
import { attachBackends } from './ui/compare/backendsStore';
import { attachCompare } from './ui/compareStore';
import { getEngineClient } from './worker';
import './styles/theme.css';
import './styles/chart-theme.css';
import './styles/layout.css';
import './styles/grid.css';
import './styles/panels.css';
import './styles/charts.css';

const client = getEngineClient();
startPlayground({ client });
attachCompare(appStore, client);
attachBackends(appStore, client);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
