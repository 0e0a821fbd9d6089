import type { TestContext } from 'node:test';
import { createRose, type Rose } from '../../main/app/createRose.js';
import { tempDir } from './tempData.js';
import { getTinyModel } from './testModels.js';

/** The whole app on a fresh data folder with the tiny generated model, one thread, disposed after the test. */
export async function roseWithTinyModel(t: TestContext): Promise<Rose> {
  const rose = await createRose({
    dataDir: tempDir(t),
    threads: 1,
    modelPath: await getTinyModel(),
    log: () => {},
  });
  t.after(() => rose.dispose());
  return rose;
}
