import type { CompareAnswer, RoseApi, RoseEvent } from '../../../shared/contract/index.js';
import type { PresetVersionId } from '../../../shared/domain.js';
import { errorMessage } from '../api/call.js';
import { createStore } from './createStore.js';
import { createFrameBatcher, type FrameScheduler } from './frameBatcher.js';
import { addPiece, emptySeqText, type SeqText } from './seqText.js';

/** One column's settings: ROSE on or off, and α. */
export type CompareSide = { label: string; roseEnabled: boolean; alpha: number };

export type CompareState = {
  compareId: string | null;
  running: boolean;
  /** A stop was asked for and the answers have not come back yet. */
  stopping: boolean;
  /** Text streaming into each column. */
  live: [SeqText, SeqText];
  answers: [CompareAnswer, CompareAnswer] | null;
  error: string | null;
};

type CompareDelta = Extract<RoseEvent, { type: 'compare.delta' }>;

const idle: CompareState = {
  compareId: null,
  running: false,
  stopping: false,
  live: [emptySeqText, emptySeqText],
  answers: null,
  error: null,
};

/** The compare tool: one prompt answered with two settings, streamed side by side. */
export function createCompareModel(api: RoseApi, schedule?: FrameScheduler) {
  const store = createStore<CompareState>(idle);
  let counter = 0;
  const batcher = createFrameBatcher<CompareDelta>((events) => {
    store.set((s) => {
      let live = s.live;
      for (const e of events) {
        if (e.compareId !== s.compareId) continue;
        const next = addPiece(live[e.side], e.fromSeq, e.seq, e.text);
        if (next !== live[e.side]) live = e.side === 0 ? [next, live[1]] : [live[0], next];
      }
      return live === s.live ? s : { ...s, live };
    });
  }, schedule);

  async function run(input: {
    prompt: string;
    modelId: string | null;
    presetVersionId: PresetVersionId | null;
    sides: [CompareSide, CompareSide];
  }) {
    const compareId = `compare-${Date.now().toString(36)}-${++counter}`;
    store.set({ ...idle, compareId, running: true });
    const result = await api.compare.run({
      compareId,
      prompt: input.prompt,
      ...(input.modelId === null ? {} : { modelId: input.modelId }),
      ...(input.presetVersionId === null ? {} : { presetVersionId: input.presetVersionId }),
      sides: [side(input.sides[0]), side(input.sides[1])],
    });
    batcher.flushNow();
    if (store.get().compareId !== compareId) return;
    store.set((s) =>
      result.ok
        ? { ...s, running: false, stopping: false, answers: result.value.answers }
        : { ...s, running: false, stopping: false, error: errorMessage(result.error) },
    );
  }

  /** Stop the comparison running now; its answers arrive as usual, marked as stopped. */
  async function stop() {
    const { compareId, running } = store.get();
    if (!running || compareId === null) return;
    store.set((s) => ({ ...s, stopping: true }));
    const result = await api.compare.stop({ compareId });
    if (!result.ok && store.get().compareId === compareId)
      store.set((s) => ({ ...s, stopping: false, error: errorMessage(result.error) }));
  }

  function onEvent(event: RoseEvent) {
    if (event.type === 'compare.delta') batcher.push(event);
  }

  return { store, run, stop, onEvent };
}

function side(s: CompareSide) {
  return { label: s.label, roseEnabled: s.roseEnabled, alpha: s.alpha };
}

export type CompareModel = ReturnType<typeof createCompareModel>;
