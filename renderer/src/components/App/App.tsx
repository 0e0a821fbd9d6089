import { useEffect } from 'react';
import { useApp } from '../../appContext.js';
import { shortcutFor } from '../../lib/shortcuts.js';
import { useStore } from '../../stores/createStore.js';
import type { Page } from '../../stores/appModel.js';
import { BenchPage } from '../Bench/BenchPage.js';
import { Chat } from '../Chat/Chat.js';
import { Compare } from '../Compare/Compare.js';
import { ConnectionBanner } from '../ConnectionBanner/ConnectionBanner.js';
import { FamilyPage } from '../Family/FamilyPage.js';
import { ModelsPage } from '../Models/ModelsPage.js';
import { PolicyPage } from '../Policy/PolicyPage.js';
import { PresetsPage } from '../Presets/PresetsPage.js';
import { ReplyAnnouncer } from '../ReplyAnnouncer/ReplyAnnouncer.js';
import { SettingsPage } from '../Settings/SettingsPage.js';
import { Sidebar } from '../Sidebar/Sidebar.js';
import { Toasts } from '../Toasts/Toasts.js';

const pages: Array<{ page: Page; label: string }> = [
  { page: 'chat', label: 'Chat' },
  { page: 'compare', label: 'Compare' },
  { page: 'presets', label: 'Presets' },
  { page: 'models', label: 'Models' },
  { page: 'bench', label: 'Safety bench' },
  { page: 'settings', label: 'Settings' },
  { page: 'policy', label: 'Policy' },
  { page: 'family', label: 'Family' },
];

/** The window: sidebar, page switcher, the page, notices; and the app-wide shortcuts. */
export function App() {
  const app = useApp();
  const page = useStore(app.ui, (s) => s.page);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = shortcutFor(event);
      if (action === 'new-chat') {
        event.preventDefault();
        app.newChat();
      } else if (action === 'focus-search') {
        event.preventDefault();
        app.focusSearch();
      } else if (action === 'stop' && app.chat.streamingMessageId() !== null) {
        event.preventDefault();
        void app.chat.stop();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [app]);

  return (
    <div className="app">
      <Sidebar />
      <div className="main">
        <header className="topbar">
          <nav aria-label="Pages" className="tabs">
            {pages.map(({ page: p, label }) => (
              <button
                key={p}
                type="button"
                className="tab"
                aria-current={page === p ? 'page' : undefined}
                onClick={() => app.goTo(p)}
              >
                {label}
              </button>
            ))}
          </nav>
        </header>
        <ConnectionBanner />
        <main className="page" aria-label={pages.find((p) => p.page === page)?.label}>
          {page === 'chat' && <Chat />}
          {page === 'compare' && <Compare />}
          {page === 'presets' && <PresetsPage />}
          {page === 'models' && <ModelsPage />}
          {page === 'bench' && <BenchPage />}
          {page === 'settings' && <SettingsPage />}
          {page === 'policy' && <PolicyPage />}
          {page === 'family' && <FamilyPage />}
        </main>
      </div>
      <Toasts />
      <ReplyAnnouncer />
    </div>
  );
}
