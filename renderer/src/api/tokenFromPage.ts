/**
 * The serve-mode access token. It arrives once in the address (`?token=…`, as `rose serve` prints
 * it) and is then removed from the address bar, so it does not linger in history, bookmarks or
 * screenshots. It is kept in sessionStorage (this tab only, gone when the tab closes) so a reload
 * of the page still connects.
 */
const STORAGE_KEY = 'rose.token';

export type PageLocation = { href: string };
export type PageHistory = { replaceState(data: unknown, unused: string, url?: string): void };
export type TokenStorage = Pick<Storage, 'getItem' | 'setItem'>;

export function takeTokenFromPage(
  location: PageLocation = window.location,
  history: PageHistory = window.history,
  storage: TokenStorage | null = safeSessionStorage(),
): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl !== null) {
    url.searchParams.delete('token');
    history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
    storage?.setItem(STORAGE_KEY, fromUrl);
    return fromUrl;
  }
  return storage?.getItem(STORAGE_KEY) ?? null;
}

function safeSessionStorage(): TokenStorage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage disabled: the token then lasts until the page is reloaded
  }
}
