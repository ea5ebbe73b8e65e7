/** Mounts the embed page (embed.html): styles, the embed's composition root (boot.ts) and <EmbedApp/>. */
import './document/jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { loadCompression, needsCompression } from './document/compress';
import { startEmbed } from './boot';
import { EmbedApp } from './EmbedApp';
import './styles/theme.css';
import './styles/chart-theme.css';
import './styles/panels.css';
import './styles/charts.css';
import './styles/embed.css';

function start(): void {
  startEmbed();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <EmbedApp />
    </StrictMode>,
  );
}

// A compressed (z=) link needs the deflate library, loaded on demand: read the link once it is here.
// If it cannot load, start anyway; the link's z= is then reported as unreadable.
if (needsCompression(window.location.hash)) void loadCompression().then(start, start);
else start();
