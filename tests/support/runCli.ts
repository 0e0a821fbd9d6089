import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The `rose` entry point exactly as users run it (bin/rose.js), in a child process. */
export const ROSE_BIN = fileURLToPath(new URL('../../../bin/rose.js', import.meta.url));

export type CliResult = { code: number | null; stdout: string; stderr: string };

export function runRose(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ROSE_BIN, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
