import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createRose } from '../../main/app/createRose.js';
import { tempDir } from '../support/tempData.js';

test('by default internal errors go to <data>/logs/rose.log, the folder About names', {
  timeout: 60_000,
}, async (t) => {
  const dataDir = tempDir(t);
  const rose = await createRose({
    dataDir,
    threads: 1,
    openFolder: async () => {
      throw new Error('no file manager on this machine');
    },
  });
  t.after(() => rose.dispose());
  const info = await rose.handlers['app:app.info']({});
  assert.equal(info.ok && info.value.logDir, join(dataDir, 'logs'));
  const failed = await rose.handlers['app:logs.openFolder']({});
  assert.equal(failed.ok ? null : failed.error.code, 'internal');
  assert.match(readFileSync(join(dataDir, 'logs', 'rose.log'), 'utf8'), /no file manager on this machine/);
});

test('the desktop shell opens the log folder; serve mode answers with its path', {
  timeout: 60_000,
}, async (t) => {
  const opened: string[] = [];
  const dataDir = tempDir(t);
  const desktop = await createRose({
    dataDir,
    threads: 1,
    log: () => {},
    logDir: join(dataDir, 'elsewhere'),
    openFolder: async (dir) => {
      opened.push(dir);
    },
  });
  t.after(() => desktop.dispose());
  const result = await desktop.handlers['app:logs.openFolder']({});
  assert.deepEqual(result, { ok: true, value: { dir: join(dataDir, 'elsewhere') } });
  assert.deepEqual(opened, [join(dataDir, 'elsewhere')]);

  const serveDir = tempDir(t);
  const serve = await createRose({ dataDir: serveDir, threads: 1, log: () => {} });
  t.after(() => serve.dispose());
  const refused = await serve.handlers['app:logs.openFolder']({});
  assert.equal(refused.ok ? null : refused.error.code, 'log-folder-not-openable');
  assert.ok(!refused.ok && refused.error.message.includes(join(serveDir, 'logs')), 'names the path');
});
