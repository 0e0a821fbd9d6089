import type { Expected } from '../../../shared/eval/types.js';
import type { GuardKind } from '../../../shared/eval/judge/guardModels.js';
import type { GuardResult } from './guardJudge.js';
import type { WireError } from '../../engine/wireError.js';

/** What the guard thread is started with. */
export type GuardWorkerOptions = { path: string; threads: number };

export type GuardHostMessage =
  | { type: 'judge'; id: number; prompt: string; response: string; expected: Expected }
  | { type: 'close' };

export type GuardWorkerMessage =
  | { type: 'ready'; kind: GuardKind }
  | { type: 'judged'; id: number; result: GuardResult }
  /** `id` null: the guard could not be opened. */
  | { type: 'failed'; id: number | null; error: WireError }
  | { type: 'closed' };
