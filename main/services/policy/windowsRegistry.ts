import { execFile } from 'node:child_process';
import { isPolicyKey, settingOf } from '../../../shared/policy/declaration.js';
import type { PolicyFileRead } from './policyFiles.js';

/**
 * Group Policy writes Rose's settings under `HKLM\SOFTWARE\Policies\Rose` (and the per-user
 * `HKCU\…`), which only admins can change. They are read with Windows' own `reg query /s` — no
 * native module — and its text output is parsed here. Value types follow the ADMX template:
 * booleans and whole numbers as REG_DWORD, other numbers and text as REG_SZ, lists as a subkey
 * named after the setting holding values 1, 2, … (or one REG_MULTI_SZ), the managed preset and
 * quiet hours as JSON text in a REG_SZ.
 */

export type RegistryValue = { type: string; data: string };
/** Key path (as printed) → value name → value. */
export type RegistryDump = Map<string, Map<string, RegistryValue>>;

/** Parse `reg query KEY /s` output. */
export function parseRegQuery(text: string): RegistryDump {
  const dump: RegistryDump = new Map();
  let current: Map<string, RegistryValue> | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (/^HKEY_|^HK(LM|CU)\\/.test(line)) {
      current = new Map();
      dump.set(line.trim(), current);
      continue;
    }
    const value = /^ {4}(.*?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/.exec(line);
    if (value && current) current.set(value[1]!, { type: value[2]!, data: value[3] ?? '' });
  }
  return dump;
}

/** Turn one key's dump into policy values, by each setting's declared kind. */
export function registryPolicyValues(dump: RegistryDump, root: string): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const rootKey = [...dump.keys()].find((key) => key.toLowerCase() === root.toLowerCase()) ?? root;
  for (const [name, value] of dump.get(rootKey) ?? []) values[name] = convert(name, value);
  // Lists as subkeys: HKLM\SOFTWARE\Policies\Rose\allowedModels with values 1, 2, …
  for (const [key, entries] of dump) {
    if (!key.toLowerCase().startsWith(`${rootKey.toLowerCase()}\\`)) continue;
    const name = key.slice(rootKey.length + 1);
    if (name.includes('\\')) continue;
    values[name] = [...entries.entries()]
      .sort(([a], [b]) => Number(a) - Number(b) || (a < b ? -1 : 1))
      .map(([, entry]) => entry.data);
  }
  return values;
}

function convert(name: string, { type, data }: RegistryValue): unknown {
  if (type === 'REG_DWORD' || type === 'REG_QWORD') {
    const number = Number.parseInt(data, 16);
    return isPolicyKey(name) && settingOf(name).kind === 'boolean' ? number !== 0 : number;
  }
  if (type === 'REG_MULTI_SZ') return data === '' ? [] : data.split('\\0');
  if (!isPolicyKey(name)) return data;
  const { kind } = settingOf(name);
  if (kind === 'number' || kind === 'integer') return data.trim() === '' ? data : Number(data);
  if (kind === 'boolean')
    return data === '1' || data.toLowerCase() === 'true'
      ? true
      : data === '0' || data.toLowerCase() === 'false'
        ? false
        : data;
  if (kind === 'json' || kind === 'list') {
    try {
      return JSON.parse(data);
    } catch {
      return data; // left as text, so validation reports it and it counts as most restrictive
    }
  }
  return data;
}

/** Runs `reg query`; a test passes fixture text instead. */
export type RegQuery = (key: string) => Promise<{ found: boolean; stdout: string }>;

export const windowsRegQuery: RegQuery = (key) =>
  new Promise((resolve, reject) => {
    execFile(
      'reg',
      ['query', key, '/s'],
      { windowsHide: true, maxBuffer: 4 * 1024 * 1024 },
      (error, stdout) => {
        // reg exits 1 when the key does not exist: no policy there.
        if (error && (error as { code?: unknown }).code === 1) resolve({ found: false, stdout: '' });
        else if (error) reject(error);
        else resolve({ found: true, stdout });
      },
    );
  });

export async function readRegistryPolicy(key: string, query: RegQuery): Promise<PolicyFileRead | null> {
  try {
    const { found, stdout } = await query(key);
    if (!found) return null;
    return { path: key, status: 'ok', values: registryPolicyValues(parseRegQuery(stdout), expandRoot(key)) };
  } catch (error) {
    return { path: key, status: 'malformed', problem: `reg query failed: ${(error as Error).message}` };
  }
}

/** `reg query` prints HKEY_LOCAL_MACHINE for HKLM and HKEY_CURRENT_USER for HKCU. */
function expandRoot(key: string): string {
  return key.replace(/^HKLM\\/i, 'HKEY_LOCAL_MACHINE\\').replace(/^HKCU\\/i, 'HKEY_CURRENT_USER\\');
}
