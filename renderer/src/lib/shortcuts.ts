/** The app-wide keyboard shortcuts (the composer handles Enter, Shift+Enter and Esc itself). */
export type ShortcutAction = 'new-chat' | 'focus-search' | 'stop';

type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

/** Ctrl on Windows and Linux, Cmd on macOS: either one counts, so both work everywhere. */
export function shortcutFor(event: KeyLike): ShortcutAction | null {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (mod && !event.altKey && !event.shiftKey && key === 'n') return 'new-chat';
  if (mod && !event.altKey && !event.shiftKey && key === 'k') return 'focus-search';
  if (!mod && !event.altKey && key === 'escape') return 'stop';
  return null;
}
