import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { type Settings, settingsPatchSchema } from '../../shared/contract/index.js';
import { withStorageErrorsSync } from '../services/storageErrors.js';

export const SETTINGS_FILE = 'settings.json';

/** The port the desktop app's local API listens on unless the person picks another. */
export const DEFAULT_API_PORT = 7312;

export const defaultSettings: Settings = {
  theme: 'system',
  language: 'system',
  fontSize: 16,
  generationDefaults: null,
  threads: null,
  apiEnabled: false,
  apiPort: DEFAULT_API_PORT,
};

/**
 * The app settings, a small JSON file in the data folder. A missing or unreadable file gives the
 * defaults (a broken file is reported once and replaced on the next change). Writes are atomic:
 * a failed one (a full disk) leaves the previous file and no temporary file, and is a coded error.
 */
export class SettingsFile {
  private readonly path: string;
  private current: Settings;

  constructor(
    private readonly dataDir: string,
    log: (message: string) => void = () => {},
  ) {
    this.path = join(dataDir, SETTINGS_FILE);
    this.current = read(this.path, log);
  }

  get(): Settings {
    return { ...this.current };
  }

  update(patch: Partial<Settings>): Settings {
    const next = { ...this.current };
    for (const [key, value] of Object.entries(patch) as [keyof Settings, unknown][]) {
      if (value !== undefined) Object.assign(next, { [key]: value });
    }
    withStorageErrorsSync('the settings', () => {
      mkdirSync(this.dataDir, { recursive: true });
      writeFileAtomic.sync(this.path, `${JSON.stringify(next, null, 2)}\n`);
    });
    this.current = next;
    return this.get();
  }
}

function read(path: string, log: (message: string) => void): Settings {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { ...defaultSettings };
  }
  try {
    const parsed = settingsPatchSchema.parse(JSON.parse(text));
    return {
      ...defaultSettings,
      ...Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)),
    };
  } catch (error) {
    log(`ignoring ${path}: ${(error as Error).message.split('\n')[0]}`);
    return { ...defaultSettings };
  }
}
