import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { contentSecurityPolicy } from '../../shared/contentSecurityPolicy.js';
import { APP_ENTRY_URL, isSameAppOrigin, rendererSource } from '../../main/electron/appUrl.js';
import {
  allowPermission,
  decideExternalOpen,
  decideNavigation,
} from '../../main/electron/navigationPolicy.js';
import { rendererFileFor } from '../../main/electron/rendererFiles.js';
import { isTrustedSender } from '../../main/electron/senderCheck.js';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name!, sources];
    }),
  );
}

// A source that can only name the app itself or inert data; anything else is remote.
const localSource = /^('self'|'none'|'unsafe-inline'|data:|blob:)$/;

test('the release CSP allows no eval, no inline script and no remote source', () => {
  const policy = directives(contentSecurityPolicy());
  assert.deepEqual(policy.get('default-src'), ["'none'"]);
  assert.deepEqual(policy.get('script-src'), ["'self'"]);
  for (const [name, sources] of policy) {
    assert.ok(!sources.includes("'unsafe-eval'"), `${name} allows eval`);
    assert.ok(!sources.includes("'wasm-unsafe-eval'"), `${name} allows wasm eval`);
    if (name !== 'style-src') assert.ok(!sources.includes("'unsafe-inline'"), `${name} allows inline code`);
    for (const source of sources) assert.match(source, localSource, `${name} allows ${source}`);
  }
  for (const locked of ['object-src', 'frame-src', 'frame-ancestors', 'base-uri', 'form-action']) {
    assert.deepEqual(policy.get(locked), ["'none'"], locked);
  }
});

test('the dev-server CSP adds only the loopback HMR socket and inline preamble, never eval', () => {
  const policy = directives(contentSecurityPolicy({ devServerOrigin: 'http://localhost:5173' }));
  assert.deepEqual(policy.get('connect-src'), ["'self'", 'ws://localhost:5173']);
  assert.ok(policy.get('script-src')!.includes("'unsafe-inline'"));
  for (const [name, sources] of policy) assert.ok(!sources.includes("'unsafe-eval'"), name);
});

test('extra connect origins (serve mode socket) land in connect-src only', () => {
  const policy = directives(contentSecurityPolicy({ connectOrigins: ['ws://127.0.0.1:4000'] }));
  assert.deepEqual(policy.get('connect-src'), ["'self'", 'ws://127.0.0.1:4000']);
  assert.deepEqual(policy.get('script-src'), ["'self'"]);
});

test('window.open and links: http(s) go to the system browser, everything else is dropped', () => {
  assert.deepEqual(decideExternalOpen('https://example.org/a?b=1'), {
    action: 'openExternally',
    url: 'https://example.org/a?b=1',
  });
  assert.equal(decideExternalOpen('http://example.org').action, 'openExternally');
  for (const url of [
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'smb://host/share',
    'rose://app/index.html',
    'https://user:pw@example.org/',
    'not a url',
    '',
  ]) {
    assert.deepEqual(decideExternalOpen(url), { action: 'deny' }, url);
  }
});

test('the window never navigates: same-app URLs are denied, web links open externally', () => {
  assert.deepEqual(decideNavigation('rose://app/other.html', APP_ENTRY_URL), { action: 'deny' });
  assert.deepEqual(decideNavigation('https://example.org/', APP_ENTRY_URL), {
    action: 'openExternally',
    url: 'https://example.org/',
  });
  assert.deepEqual(decideNavigation('file:///tmp/x.html', APP_ENTRY_URL), { action: 'deny' });
  assert.equal(allowPermission('media'), false);
  assert.equal(allowPermission('notifications'), false);
});

test('IPC is trusted only from the top frame of the app page', () => {
  assert.equal(isTrustedSender({ url: 'rose://app/index.html', parent: null }, APP_ENTRY_URL), true);
  assert.equal(isTrustedSender({ url: 'rose://app/index.html#/chat/3', parent: null }, APP_ENTRY_URL), true);
  const parent = { url: 'rose://app/index.html' };
  assert.equal(isTrustedSender({ url: 'rose://app/index.html', parent }, APP_ENTRY_URL), false, 'subframe');
  assert.equal(isTrustedSender({ url: 'rose://evil/index.html', parent: null }, APP_ENTRY_URL), false);
  assert.equal(isTrustedSender({ url: 'https://app/index.html', parent: null }, APP_ENTRY_URL), false);
  assert.equal(isTrustedSender({ url: 'file:///app/index.html', parent: null }, APP_ENTRY_URL), false);
  assert.equal(isTrustedSender({ url: 'about:blank', parent: null }, APP_ENTRY_URL), false);
  assert.equal(isTrustedSender(null, APP_ENTRY_URL), false, 'destroyed frame');
  const dev = 'http://localhost:5173/';
  assert.equal(isTrustedSender({ url: 'http://localhost:5173/', parent: null }, dev), true);
  assert.equal(isTrustedSender({ url: 'http://localhost:5174/', parent: null }, dev), false, 'other port');
  assert.equal(isSameAppOrigin('rose://app/x', 'rose://app/y'), true);
});

test('renderer files: rose://app/ paths map inside the renderer folder and nowhere else', () => {
  const root = resolve('/srv/rose/renderer');
  assert.equal(rendererFileFor('rose://app/', root), join(root, 'index.html'));
  assert.equal(rendererFileFor('rose://app/index.html', root), join(root, 'index.html'));
  assert.equal(
    rendererFileFor('rose://app/assets/main-1a2b.js?v=1#x', root),
    join(root, 'assets', 'main-1a2b.js'),
  );
  assert.equal(rendererFileFor('rose://app/a%20b.css', root), join(root, 'a b.css'));
  // The URL parser already folds literal and %2e dot segments into the root.
  assert.equal(rendererFileFor('rose://app/../secret.txt', root), join(root, 'secret.txt'));
  assert.equal(rendererFileFor('rose://app/%2e%2e/secret.txt', root), join(root, 'secret.txt'));
  for (const url of [
    'rose://app/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'rose://app/..%5c..%5csecret.txt',
    'rose://app/a%00.js',
    'rose://app/%E0%A4%A',
    'rose://other/index.html',
    'not a url',
  ]) {
    assert.equal(rendererFileFor(url, root), null, url);
  }
});

test('the dev server is used only unpackaged and only on a loopback address', () => {
  assert.deepEqual(rendererSource(undefined, false), { kind: 'bundle', url: APP_ENTRY_URL });
  assert.deepEqual(rendererSource('http://localhost:5173', true), { kind: 'bundle', url: APP_ENTRY_URL });
  assert.deepEqual(rendererSource('http://127.0.0.1:5173', false), {
    kind: 'devServer',
    url: 'http://127.0.0.1:5173/',
  });
  assert.throws(() => rendererSource('https://example.org', false), /localhost/);
  assert.throws(() => rendererSource('file:///tmp/index.html', false), /localhost/);
});
