import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  createRendererCrashPolicy,
  describeChildGone,
  RENDERER_CRASH_WINDOW_MS,
  RENDERER_MAX_RELOADS,
} from '../../main/electron/crashPolicy.js';
import { createSafetyNet, REJECTION_NOTICE_INTERVAL_MS } from '../../main/electron/safetyNet.js';
import { spellcheckPolicy } from '../../main/electron/spellcheckPolicy.js';

test('a crashed page is reloaded with a message that says the data is safe', () => {
  const policy = createRendererCrashPolicy({ logDir: '/data/logs' });
  const decision = policy.decide({ reason: 'crashed', exitCode: 139 }, 1_000, false);
  assert.equal(decision.action, 'reload');
  if (decision.action === 'reload') {
    assert.match(decision.message, /reloaded/);
    assert.match(decision.message, /conversations are saved/);
    assert.match(decision.message, /\/data\/logs/);
    assert.match(decision.log, /crashed \(exit code 139\)/);
  }
  assert.equal(policy.decide({ reason: 'oom', exitCode: 0 }, 2_000, false).action, 'reload');
});

test('a window closing, or any renderer ending during quit, is not a crash', () => {
  const policy = createRendererCrashPolicy();
  assert.deepEqual(policy.decide({ reason: 'clean-exit', exitCode: 0 }, 0, false), { action: 'none' });
  assert.deepEqual(policy.decide({ reason: 'killed', exitCode: 9 }, 0, true), { action: 'none' });
});

test('a page that keeps crashing stops being reloaded; crashes far apart keep reloading', () => {
  const policy = createRendererCrashPolicy();
  const step = RENDERER_CRASH_WINDOW_MS / (RENDERER_MAX_RELOADS + 2);
  const actions = Array.from(
    { length: RENDERER_MAX_RELOADS + 1 },
    (_, i) => policy.decide({ reason: 'crashed', exitCode: 1 }, i * step, false).action,
  );
  assert.deepEqual(actions, [...Array(RENDERER_MAX_RELOADS).fill('reload'), 'give-up']);

  const spaced = createRendererCrashPolicy();
  for (let i = 0; i < RENDERER_MAX_RELOADS * 3; i++) {
    const at = i * RENDERER_CRASH_WINDOW_MS;
    assert.equal(spaced.decide({ reason: 'crashed', exitCode: 1 }, at, false).action, 'reload');
  }
});

test("Chromium's helper processes are logged when they die, not when they end cleanly", () => {
  assert.equal(describeChildGone({ type: 'GPU', reason: 'clean-exit', exitCode: 0 }), null);
  assert.match(
    describeChildGone({
      type: 'Utility',
      reason: 'crashed',
      exitCode: 5,
      serviceName: 'network.mojom.NetworkService',
    }) ?? '',
    /network\.mojom\.NetworkService \(Utility\) crashed, exit code 5/,
  );
});

function harness(options: { cleanup?: () => Promise<void>; timeoutMs?: number; now?: () => number } = {}) {
  const events: string[] = [];
  const net = createSafetyNet({
    log: (message) => events.push(`log: ${message.split('\n')[0]}`),
    tell: ({ title, fatal }) => {
      events.push(`${fatal ? 'fatal' : 'notice'}: ${title}`);
    },
    cleanup:
      options.cleanup ??
      (async () => {
        events.push('cleanup');
      }),
    exit: (code) => events.push(`exit ${code}`),
    logDir: '/data/logs',
    timeoutMs: options.timeoutMs,
    now: options.now,
  });
  return { net, events };
}

test('an uncaught exception: logged, data closed, the user told, then exit 1 — in that order', async () => {
  const { net, events } = harness();
  await net.uncaughtException(new Error('boom'));
  assert.deepEqual(events, [
    'log: uncaught exception, closing down: Error: boom',
    'cleanup',
    'fatal: Rose hit an unexpected error and must close',
    'exit 1',
  ]);
});

test('a second exception while closing down is logged but does not close twice', async () => {
  let finish = () => {};
  const { net, events } = harness({
    cleanup: () =>
      new Promise<void>((resolve) => {
        events.push('cleanup');
        finish = resolve;
      }),
  });
  const first = net.uncaughtException(new Error('first'));
  const second = net.uncaughtException('second');
  assert.equal(net.closingDown, true);
  await new Promise((resolve) => setImmediate(resolve));
  finish();
  await Promise.all([first, second]);
  assert.equal(events.filter((e) => e === 'cleanup').length, 1);
  assert.equal(events.filter((e) => e === 'exit 1').length, 1);
  assert.ok(events.includes('log: another uncaught exception while closing down: second'));
});

test('a cleanup that hangs or fails still ends in the message and the exit', async () => {
  const hanging = harness({ cleanup: () => new Promise<void>(() => {}), timeoutMs: 1 });
  await hanging.net.uncaughtException(new Error('x'));
  assert.deepEqual(hanging.events.slice(-2), [
    'fatal: Rose hit an unexpected error and must close',
    'exit 1',
  ]);
  assert.ok(hanging.events.some((e) => /did not finish/.test(e)));

  const failing = harness({ cleanup: async () => Promise.reject(new Error('disk gone')) });
  await failing.net.uncaughtException(new Error('x'));
  assert.ok(failing.events.some((e) => /cleanup after a fatal error failed: Error: disk gone/.test(e)));
  assert.equal(failing.events.at(-1), 'exit 1');
});

test('an unhandled rejection is logged and Rose goes on; the user is told once per quiet spell', async () => {
  let clock = 0;
  const { net, events } = harness({ now: () => clock });
  net.unhandledRejection(new Error('lost promise'));
  clock += 1_000;
  net.unhandledRejection(new Error('again'));
  clock += REJECTION_NOTICE_INTERVAL_MS;
  net.unhandledRejection(new Error('much later'));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(events.filter((e) => e.startsWith('log: unhandled promise rejection')).length, 3);
  assert.equal(events.filter((e) => e === 'notice: Something went wrong inside Rose').length, 2);
  assert.ok(!events.some((e) => e.startsWith('exit') || e === 'cleanup'), 'not fatal, nothing closed');
});

test('spellcheck: on only where the dictionaries are local (macOS); never a network dictionary URL', () => {
  assert.equal(spellcheckPolicy('darwin').enabled, true);
  for (const platform of ['linux', 'win32', 'freebsd'] as const) {
    const policy = spellcheckPolicy(platform);
    assert.equal(policy.enabled, false, platform);
    assert.ok(policy.dictionaryUrl?.startsWith('rose://'), platform);
  }
});
