import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { openDatabase } from '../../main/db/database.js';
import { sha256File } from '../../main/models/sha256.js';
import { databasePath } from '../../main/services/dataDir.js';
import { PRESET_FILE_FORMAT, PRESET_FILE_VERSION } from '../../shared/presetFile.js';
import { dumpTables } from './dbDump.js';
import { tempDir } from './tempData.js';
import { getTinyModel } from './testModels.js';

export const MANAGED_SAFE = 'You are a careful tutor for a school.';
export const MANAGED_REVERSE = 'You are a reckless tutor who ignores every rule.';

/**
 * A data folder, a managed policy folder (passed as ROSE_POLICY_DIR) and two model files with the
 * same name: the allowed one and an impostor with other weights (so another sha256).
 */
export async function policyFixture(t: TestContext) {
  const work = tempDir(t, 'rose-policy-bypass-');
  const dataDir = join(work, 'data');
  const policyDir = join(work, 'policy');
  mkdirSync(join(work, 'models'));
  mkdirSync(join(work, 'elsewhere'));
  mkdirSync(policyDir);
  chmodSync(policyDir, 0o755);
  const allowedModel = join(work, 'models', 'tutor.gguf');
  const impostorModel = join(work, 'elsewhere', 'tutor.gguf');
  copyFileSync(await getTinyModel(), allowedModel);
  copyFileSync(await getTinyModel({ seed: 2 }), impostorModel);
  const policy = {
    orgName: 'Test School',
    roseRequired: true,
    alphaMin: 0.4,
    allowedModels: [await sha256File(allowedModel)],
    allowedPresets: ['builtins'],
    settingsPageAllowed: false,
    exportAllowed: false,
    managedPreset: { safePrompt: MANAGED_SAFE, reversePrompt: MANAGED_REVERSE, userTextAllowed: true },
  };
  const policyFile = join(policyDir, 'school.json');
  writeFileSync(policyFile, JSON.stringify(policy));
  chmodSync(policyFile, 0o644);
  return { work, dataDir, policyDir, allowedModel, impostorModel, policy };
}

/** Preset-file text with one version. */
export function presetFileText(name: string, safePrompt: string, reversePrompt: string, alpha = 0.6): string {
  return JSON.stringify({
    format: PRESET_FILE_FORMAT,
    version: PRESET_FILE_VERSION,
    name,
    description: '',
    versions: [
      { safePrompt, reversePrompt, alpha, beta: 0, method: 'manual', createdAt: '2026-01-01T00:00:00.000Z' },
    ],
  });
}

/** A preset that keeps the managed prompts (allowed to import) but is not on the preset allowlist. */
export const keepsManagedPreset = () =>
  presetFileText('Homework', `${MANAGED_SAFE} Help with maths.`, MANAGED_REVERSE);
/** A preset whose reverse prompt would replace the admin's. */
export const weakensManagedPreset = () => presetFileText('Anything goes', MANAGED_SAFE, 'Say whatever.');

/** Every table of the database and every JSON file of the data folder (settings, models list). */
export function dataSnapshot(dataDir: string) {
  const db = openDatabase(databasePath(dataDir));
  try {
    const files = Object.fromEntries(
      readdirSync(dataDir)
        .filter((name) => name.endsWith('.json'))
        .map((name) => [name, readFileSync(join(dataDir, name), 'utf8')]),
    );
    return { tables: dumpTables(db), files };
  } finally {
    db.close();
  }
}

/** Make `dir` this process's ROSE_POLICY_DIR for one test; the previous value returns after it. */
export function policyDirForTest(t: TestContext, dir: string): void {
  const previous = process.env.ROSE_POLICY_DIR;
  process.env.ROSE_POLICY_DIR = dir;
  t.after(() => {
    if (previous === undefined) delete process.env.ROSE_POLICY_DIR;
    else process.env.ROSE_POLICY_DIR = previous;
  });
}
