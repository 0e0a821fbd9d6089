import assert from 'node:assert/strict';
import { getLlama, type Llama, LlamaLogLevel } from 'node-llama-cpp';
import type { FfiRuntime } from '../../main/engine/ffi/ffiLogitsSource.js';
import { checkFfiGate } from '../../main/engine/ffi/gate.js';

/** node-llama-cpp on the CPU with one thread: what every FFI test compares against. */
export function testLlama(): Promise<Llama> {
  return getLlama({
    gpu: false,
    maxThreads: 1,
    build: 'never',
    progressLogs: false,
    logLevel: LlamaLogLevel.error,
  });
}

/** The FFI runtime for that library, after the static gate checks (the canary has its own tests). */
export async function testFfiRuntime(llama: Llama): Promise<FfiRuntime> {
  const gate = await checkFfiGate({ gpu: llama.gpu, canary: false });
  assert.ok(gate.ok, gate.ok ? '' : gate.reason);
  return gate.runtime;
}
