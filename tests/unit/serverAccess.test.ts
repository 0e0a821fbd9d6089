import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { resolveInside } from '../../main/files/resolveInside.js';
import type { IncomingMessage } from 'node:http';
import {
  cookieValues,
  hostAllowed,
  hostsFor,
  originAllowed,
  parseAllowedHost,
} from '../../main/server/access.js';
import { parseTarget, sameOriginLocation } from '../../main/server/requestTarget.js';

test('cookieValues keeps every cookie of the name and skips undecodable ones', () => {
  assert.deepEqual(cookieValues('a=1; rose_token_7=%ZZ; rose_token_7=x%20y;rose_token_7=z', 'rose_token_7'), [
    'x y',
    'z',
  ]);
  assert.deepEqual(cookieValues(undefined, 'rose_token_7'), []);
  assert.deepEqual(cookieValues('rose_token_70=a; =b; rose_token_7', 'rose_token_7'), []);
});

test('hostsFor: loopback names always, the bound address or every interface address, and --allowed-host names', () => {
  const wildcard = hostsFor('0.0.0.0', 80, ['rose.lan'], ['192.168.1.5', 'fe80::1']);
  for (const host of [
    '127.0.0.1:80',
    'localhost:80',
    '[::1]:80',
    '192.168.1.5:80',
    '[fe80::1]:80',
    'rose.lan:80',
  ])
    assert.ok(wildcard.has(host), host);
  assert.equal(wildcard.has('attacker.example:80'), false);
  assert.equal(wildcard.has('0.0.0.0:80'), false);
  assert.equal(wildcard.has('192.168.1.5:81'), false);
  const bound = hostsFor('10.0.0.2', 7311, [], ['192.168.1.5']);
  assert.ok(bound.has('10.0.0.2:7311'));
  assert.equal(bound.has('192.168.1.5:7311'), false, 'only a wildcard bind answers to every interface');
});

test('parseAllowedHost takes names and addresses, refuses ports, schemes and junk with a coded error', () => {
  assert.equal(parseAllowedHost('Rose.LAN'), 'rose.lan');
  assert.equal(parseAllowedHost('[fe80::1]'), 'fe80::1');
  assert.equal(parseAllowedHost('192.168.1.5'), '192.168.1.5');
  for (const bad of ['rose.lan:80', 'http://rose.lan', '', 'a b', '-x.lan', 'x..lan'])
    assert.throws(() => parseAllowedHost(bad), { code: 'bad-allowed-host' }, bad);
});

test('request targets: unparsable ones are null; redirect locations never name another host', () => {
  assert.equal(parseTarget('//[::1/rose-socket'), null);
  for (const target of [
    '/.//evil.example/x?a=1',
    '//evil.example',
    '/\\evil.example',
    'http://evil.example/y',
    '/ok',
  ]) {
    const url = parseTarget(target);
    assert.ok(url, target);
    const location = sameOriginLocation(url);
    assert.match(location, /^\/(?![/\\])/, `${target} → ${location}`);
    assert.equal(new URL(location, 'http://127.0.0.1:1').host, '127.0.0.1:1');
  }
  assert.equal(sameOriginLocation(parseTarget('/chats/3?x=1')!), '/chats/3?x=1');
});

test('resolveInside maps URL paths inside the root only', () => {
  const root = resolve('/srv/renderer');
  assert.equal(resolveInside(root, '/'), root);
  assert.equal(resolveInside(root, ''), root);
  assert.equal(resolveInside(root, '/assets/a%20b.js'), join(root, 'assets', 'a b.js'));
  assert.equal(resolveInside(root, '//assets/x.js'), join(root, 'assets', 'x.js'));
  assert.equal(resolveInside(root, '/..foo'), join(root, '..foo'));
  for (const outside of [
    '/../x',
    '/a/../../x',
    '/%2e%2e/x',
    '/..%2fx',
    '/%ZZ',
    '/a%00b',
    '/a%5cb',
    '/a\\b',
    '/..',
  ])
    assert.equal(resolveInside(root, outside), null, outside);
});

test('on port 80 a Host or Origin without a port names this server', () => {
  const policy = { token: null, port: 80, allowedHosts: hostsFor('127.0.0.1', 80, [], []) };
  const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
  assert.ok(hostAllowed(request({ host: 'localhost' }), policy));
  assert.ok(hostAllowed(request({ host: '[::1]' }), policy));
  assert.ok(hostAllowed(request({ host: '127.0.0.1:80' }), policy));
  assert.ok(originAllowed(request({ origin: 'http://127.0.0.1' }), policy));
  assert.equal(originAllowed(request({ origin: 'https://127.0.0.1' }), policy), false);
  const other = { ...policy, port: 81, allowedHosts: hostsFor('127.0.0.1', 81, [], []) };
  assert.equal(hostAllowed(request({ host: 'localhost' }), other), false);
  assert.equal(originAllowed(request({ origin: 'http://localhost' }), other), false);
  assert.ok(originAllowed(request({ origin: 'http://[::1]:81' }), other));
});
