import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLaunchOptions } from '../../main/electron/launchOptions.js';

test('launch flags are read among Chromium switches and the app path', () => {
  assert.deepEqual(parseLaunchOptions(['.', '--enable-logging', '--data-dir', '/tmp/rose', '--threads=4']), {
    dataDir: '/tmp/rose',
    threads: 4,
  });
  assert.deepEqual(parseLaunchOptions(['--model=/m/tiny.gguf', '-psn_0_12345']), {
    modelPath: '/m/tiny.gguf',
  });
  assert.deepEqual(parseLaunchOptions([]), {});
});

test('a bad launch flag is refused with a line saying what to give', () => {
  assert.throws(() => parseLaunchOptions(['--threads=many']), /--threads must be a whole number/);
  assert.throws(() => parseLaunchOptions(['--threads=0']), /--threads/);
  assert.throws(() => parseLaunchOptions(['--data-dir']), /--data-dir needs a value/);
  assert.throws(() => parseLaunchOptions(['--model=']), /--model needs a value/);
});
