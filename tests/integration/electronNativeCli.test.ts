// The real first-start step (`npm run native:electron`) with the real prebuild-install and
// node-gyp, made offline on any machine by a proxy address where nothing listens and empty caches.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { electronSqlitePath } from '../../main/native/electronNative.js';
import { installedBetterSqlite3, installedElectronTarget } from '../../main/native/nativeFacts.js';

const cli = fileURLToPath(new URL('../../main/native/ensureCli.js', import.meta.url));
const nodeBuild = join(installedBetterSqlite3().dir, 'build', 'Release', 'better_sqlite3.node');
const { electron } = installedElectronTarget();
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

test("offline first start: a clear message, a non-zero exit, no binary, and Node's build untouched", {
  timeout: 120_000,
}, () => {
  const root = mkdtempSync(join(tmpdir(), 'rose-native-cli-'));
  const before = sha(nodeBuild);
  const deadProxy = 'http://127.0.0.1:9';
  try {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HTTPS_PROXY: deadProxy,
      https_proxy: deadProxy,
      HTTP_PROXY: deadProxy,
      http_proxy: deadProxy,
      npm_config_proxy: deadProxy,
      npm_config_https_proxy: deadProxy,
      npm_config_cache: join(root, 'npm-cache'),
      npm_config_devdir: join(root, 'gyp'),
      // As `npm test` passes on a ~/.npmrc `nodedir`: it must not turn the build into one for Node.
      npm_config_nodedir: dirname(dirname(process.execPath)),
    };
    delete env.NO_PROXY;
    delete env.no_proxy;
    const run = spawnSync(process.execPath, [cli, '--root', root], {
      env,
      encoding: 'utf8',
      timeout: 110_000,
    });
    assert.equal(run.status, 1, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /downloading the prebuilt binary/);
    assert.match(run.stdout, /compiling from source/);
    assert.match(run.stderr, /needs internet once/);
    assert.match(run.stderr, /The CLI and the tests are not affected/);
    assert.equal(existsSync(electronSqlitePath(root, electron)), false);
    assert.equal(existsSync(join(root, '.electron-native', `.stage-${electron}`)), false);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  assert.equal(sha(nodeBuild), before, "Node's better-sqlite3 build was not modified");
  const db = new Database(':memory:');
  assert.equal((db.prepare('select 41 + 1 as n').get() as { n: number }).n, 42);
  db.close();
});
