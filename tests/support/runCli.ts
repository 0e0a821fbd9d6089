import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The `rose` entry point exactly as users run it (bin/rose.js), in a child process. */
export const ROSE_BIN = fileURLToPath(new URL('../../../bin/rose.js', import.meta.url));

export type CliResult = { code: number | null; stdout: string; stderr: string };

/** `input`, when given, is written to the command's standard input (for `--pin-stdin`). */
export function runRose(args: string[], env: NodeJS.ProcessEnv = {}, input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ROSE_BIN, ...args], {
      env: { ...process.env, ...env },
      stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (input !== undefined) child.stdin?.end(input);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr!.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
