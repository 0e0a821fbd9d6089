import { useEffect } from 'react';
import { useApp } from '../../appContext.js';
import { useTranslation } from '../../i18n/index.js';
import { shortcutFor } from '../../lib/shortcuts.js';
import { useStore } from '../../stores/createStore.js';
import { isAllowed } from '../../stores/policyStore.js';
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

/** The page tabs in order; each one's name is `app.pages.<page>`. */
const pages: readonly Page[] = [
  'chat',
  'compare',
  'presets',
  'models',
  'bench',
  'settings',
  'policy',
  'family',
];

/** The window: sidebar, page switcher, the page, notices; and the app-wide shortcuts. */
export function App() {
  const app = useApp();
  const { t } = useTranslation();
  const page = useStore(app.ui, (s) => s.page);
  // A guardian who forbids the compare view hides its tab too (the app refuses it anyway).
  const compareAllowed = useStore(app.policy.store, (s) => isAllowed(s.view, 'compareAllowed'));
  const shown = pages.filter((p) => p !== 'compare' || compareAllowed);

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
          <nav aria-label={t('app.pagesNav')} className="tabs">
            {shown.map((p) => (
              <button
                key={p}
                type="button"
                className="tab"
                aria-current={page === p ? 'page' : undefined}
                onClick={() => app.goTo(p)}
              >
                {t(`app.pages.${p}`)}
              </button>
            ))}
          </nav>
        </header>
        <ConnectionBanner />
        <main className="page" aria-label={t(`app.pages.${page}`)}>
          {page === 'chat' && <Chat />}
          {page === 'compare' && compareAllowed && <Compare />}
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
