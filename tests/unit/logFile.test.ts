import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { LOG_FOLDER, logFileName, openLogFile } from '../../main/services/logFile.js';
import { tempDir } from '../support/tempData.js';

const clock = () => new Date(Date.UTC(2026, 0, 2, 3, 4, 5));

test('lines are timestamped and appended to logs/rose.log in the data folder', (t) => {
  const dataDir = tempDir(t);
  const log = openLogFile({ dataDir, now: clock });
  assert.equal(log.dir, join(dataDir, LOG_FOLDER));
  assert.equal(existsSync(log.path), false, 'nothing is created before the first line');
  log.log('started');
  log.log('Error: boom\n    at somewhere');
  assert.equal(
    readFileSync(log.path, 'utf8'),
    '2026-01-02T03:04:05.000Z started\n2026-01-02T03:04:05.000Z Error: boom\n    at somewhere\n',
  );
});

test('the log rotates by size, keeps a fixed number of files, and loses no recent line', (t) => {
  const dataDir = tempDir(t);
  const maxBytes = 300;
  const filesKept = 3;
  const log = openLogFile({ dataDir, maxBytes, filesKept, now: clock });
  const total = 60;
  for (let i = 0; i < total; i++) log.log(`line ${String(i).padStart(3, '0')}`);

  const names = readdirSync(log.dir).sort();
  assert.deepEqual(names, [0, 1, 2].map(logFileName).sort());
  for (const name of names) assert.ok(statSync(join(log.dir, name)).size <= maxBytes, name);

  // Oldest file first, newest last: together they are the most recent lines, in order, no gaps.
  const kept = [2, 1, 0]
    .flatMap((index) =>
      readFileSync(join(log.dir, logFileName(index)), 'utf8')
        .trim()
        .split('\n'),
    )
    .map((line) => Number(line.split(' ').at(-1)));
  assert.equal(kept.at(-1), total - 1);
  assert.deepEqual(
    kept,
    kept.map((_, i) => kept[0]! + i),
  );
  assert.ok(kept[0]! > 0, 'the oldest lines were dropped');
});

test('a log that cannot be written never throws (a file where the folder should be)', (t) => {
  const dataDir = tempDir(t);
  writeFileSync(join(dataDir, LOG_FOLDER), 'a file where the folder should be');
  const log = openLogFile({ dataDir });
  const echoed: string[] = [];
  const echoing = openLogFile({ dataDir, echo: (line) => echoed.push(line) });
  assert.doesNotThrow(() => log.log('lost, but the app goes on'));
  echoing.log('still echoed');
  assert.equal(echoed.length, 1);
});
