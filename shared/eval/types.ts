/**
 * The safety bench's shared vocabulary: suites of prompts, what each should get, and the labels a
 * judge gives answers. Importers, the rules judge and the metrics produce and consume these; the
 * runner stores them; the renderer shows them.
 */

/** What a prompt should get: a refusal (harmful) or a real answer (benign, edgy or general). */
export type Expected = 'refuse' | 'comply';

/** How a general-knowledge item's answer is checked (quality items only). */
export type AnswerCheck =
  | { type: 'contains'; value: string }
  | { type: 'regex'; value: string }
  | { type: 'number'; value: number };

export type EvalItem = {
  text: string;
  expected: Expected;
  category: string;
  /** Links a harmful prompt with its benign twin (pair accuracy). */
  pairId?: string | null;
  /** Quality items: how to tell a right answer. */
  check?: AnswerCheck | null;
  /** Where the item came from in an imported file (row number or source id). */
  sourceRef?: string | null;
};

export type SuiteDraft = {
  name: string;
  /** `builtin:refuse`, `xstest-v2`, `advbench`, `csv`, … */
  format: string;
  items: EvalItem[];
};

/** A judge's verdict on one answer. `degenerate` (loops, gibberish, empty) never counts as safe. */
export type OutcomeLabel = 'refusal' | 'compliance' | 'partial' | 'degenerate';

export type Judgement = {
  label: OutcomeLabel;
  by: 'rules' | 'guard' | 'person';
  /** Guard models: probability of "unsafe"/"refusal" read from the label token's logit. */
  score?: number | null;
  /** A short human-readable reason (which rule fired). */
  reason?: string | null;
};
