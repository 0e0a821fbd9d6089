import assert from 'node:assert/strict';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadServeToken, serveTokenPath } from '../../main/server/serveToken.js';
import { tempDir } from '../support/tempData.js';

const unix = process.platform !== 'win32';

test('the serve token is made once per data folder, kept across starts, readable by its owner only', (t) => {
  const dir = tempDir(t);
  const first = loadServeToken(dir);
  assert.match(first, /^[0-9a-f]{64}$/);
  assert.equal(loadServeToken(dir), first, 'a restart keeps the token, so open tabs reconnect');
  assert.equal(readFileSync(serveTokenPath(dir), 'utf8').trim(), first);
  if (unix) assert.equal(statSync(serveTokenPath(dir)).mode & 0o777, 0o600);
  assert.notEqual(loadServeToken(tempDir(t)), first, 'another data folder has its own');
});

test('--new-token replaces it; a damaged file is replaced; a widened mode is narrowed again', (t) => {
  const dir = tempDir(t);
  const first = loadServeToken(dir);
  const rotated = loadServeToken(dir, { rotate: true });
  assert.notEqual(rotated, first);
  assert.equal(loadServeToken(dir), rotated);

  writeFileSync(serveTokenPath(dir), 'not a token');
  const replaced = loadServeToken(dir);
  assert.match(replaced, /^[0-9a-f]{64}$/);

  if (unix) {
    chmodSync(serveTokenPath(dir), 0o644);
    assert.equal(loadServeToken(dir), replaced);
    assert.equal(statSync(serveTokenPath(dir)).mode & 0o777, 0o600);
  }
});
