import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';

// React only flushes updates inside act() when told it runs in a test environment.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export type Mounted = { container: HTMLElement; root: Root; unmount(): void };

/** Render into a fresh element attached to the document. */
export function mount(node: ReactNode): Mounted {
  const container = document.createElement('div');
  document.body.append(container);
  const root = createRoot(container);
  act(() => root.render(node));
  return {
    container,
    root,
    unmount() {
      act(() => root.unmount());
      container.remove();
    },
  };
}

/** Type into a controlled input the way a user does (React listens to the native input event). */
export function typeInto(element: HTMLInputElement | HTMLTextAreaElement, value: string) {
  const proto =
    element instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')!.set!;
  act(() => {
    setter.call(element, value);
    element.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** Press a key on an element; returns false when a handler prevented the default action. */
export function press(element: Element, key: string, init: KeyboardEventInit = {}): boolean {
  let notPrevented = true;
  act(() => {
    notPrevented = element.dispatchEvent(
      new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }),
    );
  });
  return notPrevented;
}

export function click(element: Element) {
  act(() => {
    (element as HTMLElement).click();
  });
}

/** Elements by ARIA role and accessible name, the way the e2e tests and screen readers find them. */
export function buttonNamed(container: ParentNode, name: string): HTMLButtonElement | null {
  return (
    [...container.querySelectorAll('button')].find(
      (b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name,
    ) ?? null
  );
}

/** Let pending promises settle inside act(). */
export async function settle() {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}
