import { Component, type ReactNode } from 'react';

type Props = {
  /** Shown instead of the children after they failed to render. */
  fallback: ReactNode;
  /** A change of this value (e.g. the message text) tries the children again. */
  resetKey: unknown;
  children: ReactNode;
};

type State = { failedAt: { key: unknown } | null };

/**
 * Keeps one broken part (a message whose Markdown cannot render) from blanking the whole window:
 * React unmounts everything above an uncaught render error, so every message gets its own boundary.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { failedAt: null };

  static getDerivedStateFromError(): Partial<State> {
    return { failedAt: { key: undefined } };
  }

  override componentDidCatch(error: unknown): void {
    this.setState({ failedAt: { key: this.props.resetKey } });
    console.warn('A part of the page could not be shown:', error);
  }

  override render(): ReactNode {
    const { failedAt } = this.state;
    if (failedAt && (failedAt.key === undefined || failedAt.key === this.props.resetKey))
      return this.props.fallback;
    return this.props.children;
  }
}
