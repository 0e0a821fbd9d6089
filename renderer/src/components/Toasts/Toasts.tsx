import { useApp } from '../../appContext.js';
import { useTranslation } from '../../i18n/index.js';
import { useStore } from '../../stores/createStore.js';

/** Short notices (e.g. "Deleted … Undo"), announced politely to screen readers. */
export function Toasts() {
  const { toasts } = useApp();
  const list = useStore(toasts.store);
  const { t } = useTranslation();
  return (
    <section className="toasts" aria-label={t('app.toasts.region')} aria-live="polite">
      {list.map((toast) => (
        <div key={toast.id} className="toast" role="status">
          <span>{toast.text}</span>
          {toast.action && (
            <button
              type="button"
              className="button button--small"
              onClick={() => {
                toast.action?.run();
                toasts.dismiss(toast.id);
              }}
            >
              {toast.action.label}
            </button>
          )}
          <button
            type="button"
            className="button button--small button--ghost"
            aria-label={t('app.toasts.dismiss')}
            onClick={() => toasts.dismiss(toast.id)}
          >
            ×
          </button>
        </div>
      ))}
    </section>
  );
}
