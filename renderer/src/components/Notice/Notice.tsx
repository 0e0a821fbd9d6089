import type { ReactNode } from 'react';

export type NoticeProps = {
  kind: 'empty' | 'loading' | 'error';
  title: string;
  children?: ReactNode;
  /** A way out: retry, or the next step. */
  action?: { label: string; run: () => void };
};

/** Empty, loading and error states: what is going on and what to do next. */
export function Notice({ kind, title, children, action }: NoticeProps) {
  return (
    <div
      className={`notice notice--${kind}`}
      role={kind === 'error' ? 'alert' : 'status'}
      aria-busy={kind === 'loading' || undefined}
    >
      <p className="notice__title">{title}</p>
      {children && <div className="notice__body">{children}</div>}
      {action && (
        <button type="button" className="button" onClick={action.run}>
          {action.label}
        </button>
      )}
    </div>
  );
}
