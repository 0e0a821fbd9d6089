/**
 * Text assembled from numbered pieces. The engine numbers its deltas 0, 1, 2…; a transport may
 * merge consecutive ones into a piece covering `fromSeq`..`seq`. Each number is applied exactly once
 * and in order, whatever order and however often the pieces arrive.
 */
export type SeqText = {
  /** Every piece up to `nextSeq - 1`, in order. */
  text: string;
  /** The number the next applied piece must start at. */
  nextSeq: number;
  /** Pieces that arrived ahead of a gap, by their first number, until the gap fills. */
  pending: Readonly<Record<number, { seq: number; text: string }>>;
};

export const emptySeqText: SeqText = { text: '', nextSeq: 0, pending: {} };

/** Add one piece; returns the same object when the piece is a duplicate or already applied. */
export function addPiece(state: SeqText, fromSeq: number, seq: number, text: string): SeqText {
  if (!Number.isInteger(fromSeq) || !Number.isInteger(seq) || seq < fromSeq) return state;
  if (seq < state.nextSeq || fromSeq in state.pending) return state;
  if (fromSeq > state.nextSeq) {
    return { ...state, pending: { ...state.pending, [fromSeq]: { seq, text } } };
  }
  // A piece that starts before the next number but runs past it overlaps what we have; its text
  // cannot be split by number, so only the exact continuation is taken.
  if (fromSeq < state.nextSeq) return state;
  const pending = { ...state.pending };
  let appended = text;
  let nextSeq = seq + 1;
  for (let piece = pending[nextSeq]; piece !== undefined; piece = pending[nextSeq]) {
    delete pending[nextSeq];
    appended += piece.text;
    nextSeq = piece.seq + 1;
  }
  // Held-back pieces now behind the cursor can never apply; drop them.
  for (const key of Object.keys(pending)) if (Number(key) < nextSeq) delete pending[Number(key)];
  return { text: state.text + appended, nextSeq, pending };
}
