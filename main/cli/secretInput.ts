import { UserError } from '../../shared/errors.js';

/**
 * Secrets (PIN, recovery code) come from standard input, one per line, never from arguments:
 * arguments are visible to every user in the process list and stay in the shell's history.
 */
export async function readSecretLines(count: number, what: string): Promise<string[]> {
  if (process.stdin.isTTY)
    throw new UserError(
      'secret-needs-stdin',
      `pipe the ${what} on standard input, e.g. read -rs PIN && printf '%s\\n' "$PIN" | rose …`,
    );
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const lines = Buffer.concat(chunks)
    .toString('utf8')
    .split(/\r?\n/)
    .filter((line) => line.length > 0);
  if (lines.length < count)
    throw new UserError(
      'secret-missing',
      `expected ${count === 1 ? `the ${what}` : `${count} lines (${what})`} on standard input`,
    );
  return lines.slice(0, count);
}
