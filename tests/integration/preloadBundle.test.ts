import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { channels } from '../../shared/contract/index.js';
import { EVENT_CHANNEL } from '../../main/electron/ipcChannels.js';
import { tempDir } from '../support/tempData.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Builds the real preload bundle and runs it the way a sandboxed Electron renderer does: a
 * script whose `require` knows only 'electron'. The fake electron records what is exposed.
 */
test('the preload bundle needs only electron and exposes the closed window.rose API', (t) => {
  const outFile = join(tempDir(t, 'rose-preload-'), 'preload.cjs');
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build-preload.mjs'), '--out', outFile], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(build.status, 0, build.stderr);
  const code = readFileSync(outFile, 'utf8');

  const exposed = new Map<string, unknown>();
  const invoked: string[] = [];
  const subscribed: string[] = [];
  const fakeElectron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (channel: string) => {
        invoked.push(channel);
        return { ok: true, value: channel };
      },
      on: (channel: string) => subscribed.push(channel),
      removeListener: () => {},
    },
  };
  const required: string[] = [];
  const sandboxRequire = (name: string) => {
    required.push(name);
    if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
    return fakeElectron;
  };
  runInNewContext(code, { require: sandboxRequire, module: { exports: {} }, exports: {}, console });

  assert.deepEqual(required, ['electron']);
  assert.deepEqual([...exposed.keys()], ['rose']);
  const api = exposed.get('rose') as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>;
  const exposedPaths = Object.entries(api).flatMap(([domain, group]) =>
    typeof group === 'function' ? [domain] : Object.keys(group).map((verb) => `${domain}.${verb}`),
  );
  assert.deepEqual(exposedPaths.sort(), [...channels.map((c) => c.slice(4)), 'onEvent'].sort());

  const [first] = channels;
  const [domain, verb] = first!.slice(4).split('.') as [string, string];
  return api[domain]![verb]!({}).then((result) => {
    assert.deepEqual(result, { ok: true, value: first });
    assert.deepEqual(invoked, [first]);
    (api.onEvent as unknown as (listener: () => void) => void)(() => {});
    assert.deepEqual(subscribed, [EVENT_CHANNEL]);
  });
});
