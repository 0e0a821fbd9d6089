import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LlamaGpuType } from 'node-llama-cpp';
import type { CanaryRequest, CanaryResponse } from './canaryChild.js';
import type { LayoutTable } from './layoutTable.js';

/** The outcome of one canary run; `transient` failures (timeouts, spawn errors) are not cached. */
export type CanaryOutcome = { ok: true; detail: string } | { ok: false; reason: string; transient: boolean };

const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * Loads a tiny generated model through the FFI in a child process and compares it with
 * node-llama-cpp. If the layout is wrong enough to crash, only the child dies.
 */
export function runCanaryProcess(
  request: CanaryRequest & { gpu: LlamaGpuType; table: LayoutTable },
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<CanaryOutcome> {
  return new Promise((resolve) => {
    const entry = fileURLToPath(new URL('./canaryChild.js', import.meta.url));
    let settled = false;
    const finish = (outcome: CanaryOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const child = fork(entry, [], {
      // Under Electron, process.execPath is the app; this makes it behave as plain Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      execArgv: [],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish({
        ok: false,
        reason: `the canary did not finish within ${timeoutMs / 1000} s`,
        transient: true,
      });
    }, timeoutMs);
    child.on('error', (error) =>
      finish({ ok: false, reason: `could not start the canary: ${error.message}`, transient: true }),
    );
    child.on('message', (message) => {
      const response = message as CanaryResponse;
      finish(
        response.ok
          ? {
              ok: true,
              detail:
                response.reason ??
                `max probability difference ${response.maxProbabilityDifference.toExponential(2)}`,
            }
          : { ok: false, reason: response.reason ?? 'the canary failed', transient: false },
      );
    });
    // 'close', not 'exit': a child that answered and exited at once can be seen as exited before
    // its answer is read from the channel; 'close' comes after the channel and stderr are drained.
    child.on('close', (code, signal) => {
      const lastLine = stderr.trim().split('\n').pop() ?? '';
      finish({
        ok: false,
        reason: `the canary process died (${signal ?? `exit code ${code}`})${lastLine ? `: ${lastLine}` : ''}`,
        transient: false,
      });
    });
    child.send(request);
  });
}
