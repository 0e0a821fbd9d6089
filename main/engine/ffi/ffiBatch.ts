import type { LlamaBatch, LlamaBindings } from './bindings.js';
import type { Koffi } from './koffiStructs.js';

/** One token to evaluate: which sequence, at which position, and whether its logits are wanted. */
export type BatchToken = { token: number; position: number; sequence: number; wantLogits: boolean };

/**
 * A `llama_batch` allocated once by `llama_batch_init` and refilled for every decode. Writes go
 * through `koffi.encode` (no external buffers, so this also works under Electron).
 */
export class FfiBatch {
  readonly capacity: number;
  private readonly batch: LlamaBatch;
  /** `seq_id[i]` of each slot: pointers to one-element arrays, read once. */
  private readonly sequenceSlots: bigint[];
  private freed = false;

  constructor(
    private readonly koffi: Koffi,
    private readonly llama: LlamaBindings,
    capacity: number,
  ) {
    this.capacity = capacity;
    this.batch = llama.batchInit(capacity, 0, 1);
    const pointers = [
      this.batch.token,
      this.batch.pos,
      this.batch.n_seq_id,
      this.batch.seq_id,
      this.batch.logits,
    ];
    if (pointers.some((p) => p === null))
      throw new Error('llama_batch_init returned a batch without its arrays');
    this.sequenceSlots = [];
    for (let i = 0; i < capacity; i++) {
      this.sequenceSlots.push(
        koffi.decode(this.batch.seq_id, i * koffi.sizeof('void *'), 'void *') as bigint,
      );
    }
    // Every token belongs to exactly one sequence.
    koffi.encode(this.batch.n_seq_id, 'int32_t', new Array(capacity).fill(1), capacity);
  }

  /** Fills the batch with `tokens` (at most `capacity`) and returns it ready for `llama_decode`. */
  fill(tokens: readonly BatchToken[]): LlamaBatch {
    if (this.freed) throw new Error('the batch was freed');
    const n = tokens.length;
    if (n === 0 || n > this.capacity)
      throw new RangeError(`a batch holds 1..${this.capacity} tokens, got ${n}`);
    const { koffi } = this;
    koffi.encode(
      this.batch.token,
      'int32_t',
      tokens.map((t) => t.token),
      n,
    );
    koffi.encode(
      this.batch.pos,
      'int32_t',
      tokens.map((t) => t.position),
      n,
    );
    koffi.encode(
      this.batch.logits,
      'int8_t',
      tokens.map((t) => (t.wantLogits ? 1 : 0)),
      n,
    );
    for (let i = 0; i < n; i++)
      koffi.encode(this.sequenceSlots[i], 'int32_t', (tokens[i] as BatchToken).sequence);
    this.batch.n_tokens = n;
    return this.batch;
  }

  free(): void {
    if (this.freed) return;
    this.freed = true;
    this.llama.batchFree(this.batch);
  }
}
