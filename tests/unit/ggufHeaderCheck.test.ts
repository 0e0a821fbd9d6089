import assert from 'node:assert/strict';
import { open, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkGgufHeader } from '../../main/models/ggufHeaderCheck.js';
import { abortingStringLength, ggufWithStringLength } from '../support/hostileGguf.js';
import { tempDir } from '../support/tempData.js';
import { getTinyModel } from '../support/testModels.js';

test('a complete model passes; its tensor data ends inside the file', async () => {
  const path = await getTinyModel();
  const summary = await checkGgufHeader(path);
  const size = (await stat(path)).size;
  assert.equal(summary.version, 3);
  assert.ok(summary.tensorCount > 0 && summary.metadataCount > 0);
  assert.ok(summary.dataOffset % summary.alignment === 0);
  assert.ok(summary.dataEnd <= size && summary.dataEnd > summary.dataOffset);
});

test('a metadata string length past 2^31 is refused before any reader sees it', async (t) => {
  const path = join(tempDir(t), 'huge-string.gguf');
  await writeFile(path, await ggufWithStringLength(abortingStringLength));
  await assert.rejects(checkGgufHeader(path), {
    code: 'gguf-damaged',
    message: new RegExp(`declares ${abortingStringLength} bytes`),
  });
});

test('a string that fits a (sparse) 5 GiB file is still refused past the string limit', async (t) => {
  const path = join(tempDir(t), 'sparse.gguf');
  await writeFile(path, await ggufWithStringLength(3n * 2n ** 30n));
  const handle = await open(path, 'r+');
  await handle.truncate(5 * 2 ** 30);
  await handle.close();
  await assert.rejects(checkGgufHeader(path), { code: 'gguf-damaged', message: /more than/ });
});

test('counts that the file cannot hold are refused: tensors, metadata entries, array items', async (t) => {
  const whole = await readFile(await getTinyModel());
  const dir = tempDir(t);
  const patched = async (name: string, patch: (file: Buffer) => void) => {
    const file = Buffer.from(whole);
    patch(file);
    const path = join(dir, name);
    await writeFile(path, file);
    return path;
  };
  const tensors = await patched('tensors.gguf', (file) => file.writeBigUInt64LE(2n ** 40n, 8));
  await assert.rejects(checkGgufHeader(tensors), { code: 'gguf-damaged', message: /tensor count/ });
  const entries = await patched('entries.gguf', (file) => file.writeBigUInt64LE(2n ** 63n, 16));
  await assert.rejects(checkGgufHeader(entries), { code: 'gguf-damaged', message: /metadata entry count/ });
  // The first array in the file (the vocabulary) claims more items than there are bytes.
  const items = await patched('items.gguf', (file) => {
    const at = firstArrayCountOffset(file);
    file.writeBigUInt64LE(2n ** 33n, at);
  });
  await assert.rejects(checkGgufHeader(items), { code: 'gguf-damaged', message: /item count/ });
});

test('a file cut anywhere is refused as truncated or damaged, never a crash or another error', async (t) => {
  const whole = await readFile(await getTinyModel());
  const { dataOffset } = await checkGgufHeader(await getTinyModel());
  const path = join(tempDir(t), 'cut.gguf');
  // Every 61st byte of the header.
  const cuts = [];
  for (let cut = 24; cut < dataOffset; cut += 61) cuts.push(cut);
  for (const cut of cuts) {
    await writeFile(path, whole.subarray(0, cut));
    // A cut inside the header leaves counts that no longer fit: "damaged" is as true as "truncated".
    await assert.rejects(
      checkGgufHeader(path),
      (error: Error & { code?: string }) =>
        ['gguf-truncated', 'gguf-damaged'].includes(error.code ?? '') && /copy it again/.test(error.message),
      `cut at ${cut}`,
    );
  }
  for (const cut of [whole.length - 1, dataOffset + 1]) {
    await writeFile(path, whole.subarray(0, cut));
    await assert.rejects(checkGgufHeader(path), { code: 'gguf-truncated' }, `cut in the data at ${cut}`);
  }
});

test('not a GGUF, HTML, an unsupported version, a missing file: each its own code', async (t) => {
  const dir = tempDir(t);
  const cases: [string, Buffer | string, string][] = [
    ['text.gguf', 'hello world, not a model', 'not-gguf'],
    ['page.gguf', '<!doctype html><html><body>Sign in</body></html>', 'not-gguf-html'],
    ['empty.gguf', '', 'not-gguf'],
    [
      'v1.gguf',
      Buffer.concat([Buffer.from('GGUF'), Buffer.from([1, 0, 0, 0]), Buffer.alloc(16)]),
      'gguf-version',
    ],
    ['short.gguf', 'GGUF\u0003', 'gguf-truncated'],
  ];
  for (const [name, content, code] of cases) {
    const path = join(dir, name);
    await writeFile(path, content);
    await assert.rejects(checkGgufHeader(path), { code }, name);
  }
  await assert.rejects(checkGgufHeader(join(dir, 'absent.gguf')), { code: 'not-found' });
});

/** Offset of the item count of the first array-valued metadata entry. */
function firstArrayCountOffset(file: Buffer): number {
  const scalarBytes: Record<number, number> = {
    0: 1,
    1: 1,
    2: 2,
    3: 2,
    4: 4,
    5: 4,
    6: 4,
    7: 1,
    10: 8,
    11: 8,
    12: 8,
  };
  let at = 24;
  for (;;) {
    at += 8 + Number(file.readBigUInt64LE(at));
    const type = file.readUInt32LE(at);
    at += 4;
    if (type === 9) return at + 4;
    at += type === 8 ? 8 + Number(file.readBigUInt64LE(at)) : scalarBytes[type]!;
  }
}
