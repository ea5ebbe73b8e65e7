/** Mounts the playground: styles, the composition root (boot.ts) and <App/>. */
import './document/jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
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

// A lesson link waits for the lessons' chunk (small, and fetched at once) so it opens on the step.
void linkNeedsLessons(window.location.hash).then(() => {
  startPlayground();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
