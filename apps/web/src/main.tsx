import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { revalidateSession } from './api';
import { App } from './app';
import './ui/messages';
import './ui/app.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

void revalidateSession();
