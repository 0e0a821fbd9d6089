import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createQuitGuard } from '../../main/electron/quitGuard.js';

function quitEvent() {
  const event = { prevented: 0, preventDefault: () => void event.prevented++ };
  return event;
}

test('the first quit is held until cleanup finishes, then repeated and let through', async () => {
  const order: string[] = [];
  let finishCleanup = () => {};
  let quitted!: () => void;
  const quitCalled = new Promise<void>((resolve) => {
    quitted = resolve;
  });
  const guard = createQuitGuard({
    cleanup: () =>
      new Promise<void>((resolve) => {
        order.push('cleanup started');
        finishCleanup = () => {
          order.push('cleanup finished');
          resolve();
        };
      }),
    quit: () => {
      order.push('quit');
      quitted();
    },
    timeoutMs: 60_000,
    log: () => {},
  });
  const first = quitEvent();
  guard.beforeQuit(first);
  const second = quitEvent();
  guard.beforeQuit(second); // e.g. Cmd+Q pressed twice: still one cleanup
  assert.equal(first.prevented, 1);
  assert.equal(second.prevented, 1);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(order, ['cleanup started']);
  finishCleanup();
  await quitCalled;
  assert.deepEqual(order, ['cleanup started', 'cleanup finished', 'quit']);
  const last = quitEvent();
  guard.beforeQuit(last);
  assert.equal(last.prevented, 0, 'the repeated quit goes through');
  assert.equal(guard.done, true);
});

test('a failing or hanging cleanup is logged and the app still quits', async () => {
  for (const cleanup of [() => Promise.reject(new Error('db busy')), () => new Promise<void>(() => {})]) {
    const logged: string[] = [];
    const quit = new Promise<void>((resolve) => {
      const guard = createQuitGuard({ cleanup, quit: resolve, timeoutMs: 20, log: (m) => logged.push(m) });
      guard.beforeQuit(quitEvent());
    });
    await quit;
    assert.equal(logged.length, 1, logged.join('\n'));
  }
});
