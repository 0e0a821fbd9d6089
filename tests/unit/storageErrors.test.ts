import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkedHandlers } from '../../main/app/dispatch.js';
import type { ChannelImpls } from '../../main/app/handlerTypes.js';
import { isDiskFull, storageUserError } from '../../main/services/storageErrors.js';
import { channels } from '../../shared/contract/index.js';
import { UserError } from '../../shared/errors.js';

const withCode = (code: string, message = 'failed', path?: string) =>
  Object.assign(new Error(message), { code, ...(path ? { path } : {}) });

test('a full disk, an unreadable file and a damaged database each get their own code', () => {
  for (const code of ['SQLITE_FULL', 'ENOSPC', 'EDQUOT']) {
    assert.equal(storageUserError(withCode(code), 'the settings')?.code, 'disk-full', code);
    assert.ok(isDiskFull(withCode(code)));
  }
  for (const code of ['EACCES', 'EPERM', 'EIO', 'EISDIR', 'SQLITE_CANTOPEN', 'SQLITE_IOERR_READ']) {
    assert.equal(storageUserError(withCode(code), 'the settings')?.code, 'file-unreadable', code);
  }
  for (const code of ['SQLITE_CORRUPT', 'SQLITE_CORRUPT_VTAB', 'SQLITE_NOTADB']) {
    assert.equal(storageUserError(withCode(code), 'your data')?.code, 'db-damaged', code);
  }
  const full = storageUserError(withCode('ENOSPC', 'no space', '/data/settings.json'), 'the settings');
  assert.match(
    full?.message ?? '',
    /^the disk is full: could not save the settings \(\/data\/settings\.json\); free some space/,
  );
  assert.equal(storageUserError(new Error('plain bug'), 'x'), null);
  assert.equal(storageUserError(withCode('ECONNRESET'), 'x'), null);
  assert.equal(
    storageUserError(new UserError('disk-full', 'said already'), 'x'),
    null,
    'a UserError passes as it is',
  );
});

test('the contract dispatcher reports storage failures with their code, never internal', async () => {
  const logged: string[] = [];
  const impls = Object.fromEntries(
    channels.map((channel) => [
      channel,
      () => {
        throw withCode('SQLITE_FULL', 'database or disk is full');
      },
    ]),
  ) as unknown as ChannelImpls;
  const handlers = checkedHandlers(impls, (line) => logged.push(line));
  const result = await handlers['app:settings.get']();
  assert.equal(result.ok ? 'ok' : result.error.code, 'disk-full');
  assert.equal(logged.length, 1, 'the failure is logged');
});
