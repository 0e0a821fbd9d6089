/**
 * Every generation default and limit, defined once. The contract's schemas, the chat service,
 * the compare tool, the CLI flags and the policy declaration all import them from here.
 */

/** α: 0 means no contrast; values of 1 and more make harmless answers worse (the paper's finding). */
export const ALPHA_MIN = 0;
export const ALPHA_MAX = 10;
/** The paper's α for free generation. */
export const DEFAULT_ALPHA = 0.5;
/**
 * The named strengths the app offers instead of a bare number. Standard is the paper's α; above
 * `ALPHA_WARN_ABOVE` small models start to repeat words, so the UI warns there.
 */
export const ALPHA_STRENGTHS = [
  { key: 'gentle', label: 'Gentle', alpha: 0.25 },
  { key: 'standard', label: 'Standard', alpha: DEFAULT_ALPHA },
  { key: 'strong', label: 'Strong', alpha: 1 },
] as const;
export type AlphaStrengthKey = (typeof ALPHA_STRENGTHS)[number]['key'];
/** α values above this are allowed but warned about: harmless answers get visibly worse. */
export const ALPHA_WARN_ABOVE = 1;
/** β: the plausibility cut; 0 is the paper's exact rule. */
export const BETA_MAX = 1;

/** Longest reply one request may ask for (tokens). */
export const MAX_TOKENS_MAX = 8192;
/** The compare tool writes two answers per request, so it allows half as many tokens each. */
export const COMPARE_MAX_TOKENS_MAX = 4096;
/** A chat reply's length when the request does not say. */
export const DEFAULT_MAX_TOKENS = 512;
/** A compare answer's (and a one-shot `rose generate` answer's) length when the request does not say. */
export const DEFAULT_SHORT_MAX_TOKENS = 256;

export const TEMPERATURE_MAX = 5;
export const TOP_K_MAX = 1000;
/** The largest seed: a signed 32-bit integer, so every client (JSON, SQLite, JS) holds it exactly. */
export const SEED_MAX = 2 ** 31 - 1;

/** Temperature 0 is greedy, as in the ROSE paper; top-k 0 and top-p 1 switch those filters off. */
export const DEFAULT_SAMPLING = { temperature: 0, topK: 0, topP: 1, seed: 0 } as const;

/** The built-in preset new conversations, compare and `rose generate` use when none is chosen. */
export const DEFAULT_PRESET_KEY = 'manual-reverse';

/** Most stop texts a request or a conversation may set (as OpenAI's API allows), and their length. */
export const STOP_TEXTS_MAX = 4;
export const STOP_TEXT_MAX_CHARS = 200;

/** Context sizes a person may choose at load (tokens per sequence; ROSE holds two). */
export const CONTEXT_SIZE_MIN = 256;
export const CONTEXT_SIZE_MAX = 131_072;
/** Most layers a load may put on the GPU (more than any model has; llama.cpp caps it at the model's). */
export const GPU_LAYERS_MAX = 1000;
