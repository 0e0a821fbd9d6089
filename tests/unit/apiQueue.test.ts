import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiQueue, QueueFullError } from '../../main/server/api/apiQueue.js';

const never = () => new AbortController().signal;

test('one runs at a time and the waiting ones start in the order they came', async () => {
  const queue = new ApiQueue(3);
  const order: string[] = [];
  const first = await queue.enter(never());
  const waiting = ['a', 'b', 'c'].map((name) =>
    queue.enter(never()).then((release) => {
      order.push(name);
      release();
    }),
  );
  assert.equal(queue.length, 4);
  assert.deepEqual(order, [], 'nothing starts while the first runs');
  first();
  await Promise.all(waiting);
  assert.deepEqual(order, ['a', 'b', 'c']);
  assert.equal(queue.length, 0);
});

test('a full waiting room is refused at once; releasing twice frees one place only', async () => {
  const queue = new ApiQueue(1);
  const release = await queue.enter(never());
  const second = queue.enter(never());
  await assert.rejects(queue.enter(never()), QueueFullError);
  release();
  release();
  const releaseSecond = await second;
  assert.equal(queue.length, 1, 'the second now runs, alone');
  releaseSecond();
  assert.equal(queue.length, 0);
});

test('a client that leaves while waiting gives up its place', async () => {
  const queue = new ApiQueue(2);
  const release = await queue.enter(never());
  const leaving = new AbortController();
  const left = queue.enter(leaving.signal);
  const stays = queue.enter(never());
  leaving.abort(new Error('gone'));
  await assert.rejects(left, /gone/);
  assert.equal(queue.length, 2);
  release();
  (await stays)();
  assert.equal(queue.length, 0);
  await assert.rejects(queue.enter(leaving.signal), /gone/, 'an already aborted signal never waits');
});
