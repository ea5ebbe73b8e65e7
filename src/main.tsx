/** Mounts the playground: styles, the composition root (boot.ts) and <App/>. */
import './document/jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadCompression, needsCompression } from './document/compress';
import { App } from './App';
import { startPlayground } from './boot';
import { linkNeedsLessons } from './url/sync';
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

// A link may need a chunk before it can be read: a lesson link the lessons' content, a compressed
// (z=) link the deflate library. Both are small and fetched at once; if one cannot load, start
// anyway and the link's part that needed it is reported as unreadable.
const hash = window.location.hash;
const compression = needsCompression(hash) ? loadCompression() : Promise.resolve();
void Promise.allSettled([linkNeedsLessons(hash), compression]).then(start);
