import { useApp } from '../../appContext.js';
import { useStore } from '../../stores/createStore.js';

/** Short notices (e.g. "Deleted … Undo"), announced politely to screen readers. */
export function Toasts() {
  const { toasts } = useApp();
  const list = useStore(toasts.store);
  return (
    <section className="toasts" aria-label="Notifications" aria-live="polite">
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
            aria-label="Dismiss notification"
            onClick={() => toasts.dismiss(toast.id)}
          >
            ×
          </button>
        </div>
      ))}
    </section>
  );
}
