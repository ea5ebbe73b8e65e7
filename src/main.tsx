/** Mounts the playground: styles, the composition root (boot.ts) and <App/>. */
import './document/jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadCompression, needsCompression } from './document/compress';
import { App } from './App';
import { startPlayground } from './boot';
import './styles/theme.css';
import './styles/chart-theme.css';
import './styles/layout.css';
import './styles/grid.css';
import './styles/panels.css';
import './styles/charts.css';
import './styles/lessons.css';

function start(): void {
  startPlayground();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

// A compressed (z=) link needs the deflate library, loaded on demand: read the link once it is here.
// If it cannot load, start anyway; the link's z= is then reported as unreadable.
if (needsCompression(window.location.hash)) void loadCompression().then(start, start);
else start();
