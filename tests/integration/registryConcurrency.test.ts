import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ModelLibrary } from '../../main/services/models.js';
import { runRose } from '../support/runCli.js';
import { tempDir } from '../support/tempData.js';
import { getTinyModel } from '../support/testModels.js';

test('24 imports at once from several processes and two libraries in this one are all listed', async (t) => {
  const dataDir = tempDir(t);
  // 24 different files (another seed, another sha256), generated once and cached.
  const files: string[] = [];
  for (let seed = 100; seed < 124; seed++) files.push(await getTinyModel({ seed }));

  // Two libraries in this process (their in-process queues know nothing of each other) and
  // one `rose models import` process per file for the other half.
  const libraries = [new ModelLibrary({ dataDir }), new ModelLibrary({ dataDir })];
  const imports = files.map(async (file, i) => {
    if (i % 2 === 0) return (await libraries[(i / 2) % 2]!.import(file, { copy: false })).path;
    const result = await runRose(['models', 'import', file, '--data-dir', dataDir, '--json']);
    assert.equal(result.code, 0, result.stderr);
    return (JSON.parse(result.stdout) as { path: string }).path;
  });
  const imported = await Promise.all(imports);
  assert.deepEqual([...imported].sort(), [...files].sort());

  const listed = await new ModelLibrary({ dataDir }).list();
  assert.deepEqual(listed.map((model) => model.path).sort(), [...files].sort(), 'every import is listed');
  assert.equal(new Set(listed.map((model) => model.id)).size, files.length, 'ids are unique');
});
