/** Mounts the embed page (embed.html): styles, the embed's composition root (boot.ts) and <EmbedApp/>. */
import './document/jitless';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startEmbed } from './boot';
import { EmbedApp } from './EmbedApp';
import './styles/theme.css';
import './styles/chart-theme.css';
import './styles/panels.css';
import './styles/charts.css';
import './styles/embed.css';

startEmbed();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <EmbedApp />
  </StrictMode>,
);
