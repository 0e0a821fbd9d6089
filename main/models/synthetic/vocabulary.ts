/**
 * A SentencePiece-style ("llama" tokenizer) vocabulary for synthetic models: special tokens, the
 * 256 byte-fallback tokens (so any text tokenizes and detokenizes exactly), chat control tokens,
 * then normal pieces. llama.cpp's SentencePiece tokenizer merges adjacent pieces only when the
 * merged string is itself in the vocabulary, preferring higher scores; so every whole word here
 * comes with its chain of prefixes, and scores fall with the index.
 */

/** `tokenizer.ggml.token_type` values. */
export const TokenType = { normal: 1, unknown: 2, control: 3, byte: 6 } as const;

/** Token strings, scores and types, index = token id. */
export type Vocabulary = {
  tokens: string[];
  scores: Float32Array;
  types: Int32Array;
  unknownId: number;
  bosId: number;
  eosId: number;
};

/** SentencePiece's visible space, which starts every word. */
export const WORD_START = '\u2581';

const SPECIAL_TOKENS = ['<unk>', '<s>', '</s>'] as const;
const BYTE_TOKEN_COUNT = 256;
/** Fewer pieces than this leaves too little of a vocabulary to be worth calling one. */
const MINIMUM_NORMAL_PIECES = 32;
/** A prime that is coprime with every power of 26, used to scramble the synthetic pieces. */
const SCRAMBLE_STRIDE = 7919;

const COMMON_WORDS = (
  'the of and to a in is it you that he was for on are with as I his they be at one have this from ' +
  'or had by not word but what some we can out other were all there when up use your how said an ' +
  'each she which do their time if will way about many then them write would like so these her long ' +
  'make thing see him two has look more day could go come did number sound no most people my over ' +
  'know water than call first who may down side been now find any new work part take get place made ' +
  'live where after back little only round man year came show every good me give our under name very ' +
  'through just form sentence great think say help low line differ turn cause much mean before move ' +
  'right boy old too same tell does set three want air well also play small end put home read hand ' +
  'port large spell add even land here must big high such follow act why ask men change went light ' +
  'kind off need house picture try us again animal point mother world near build self earth father ' +
  'hello yes please thank sorry question answer safe lock pick open door key story friend help ' +
  'The I You It This What How Why When Where Who Hello Yes No Please Thank We They He She My'
).split(' ');

const PUNCTUATION = '.,!?;:\'"-()[]{}/\\@#$%&*+=<>_~`^|';
const CJK_CHARACTERS =
  '你好世界我是的不了在人有这中大为上个国和他们说要就出会可也对生能而子那得于着下自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进小部其些主样理心她本前开但因只从想实日';

/** The smallest vocabulary that holds the fixed tokens and a minimal set of pieces. */
export function minimumVocabularySize(controlTokens: readonly string[]): number {
  return SPECIAL_TOKENS.length + BYTE_TOKEN_COUNT + controlTokens.length + MINIMUM_NORMAL_PIECES;
}

/**
 * Builds a vocabulary of exactly `size` unique tokens. Order: `<unk>`, `<s>`, `</s>`, `<0x00>`…`<0xFF>`,
 * the control tokens, then normal pieces (most useful first) until the size is reached.
 */
export function buildVocabulary(size: number, controlTokens: readonly string[]): Vocabulary {
  if (!Number.isSafeInteger(size) || size < minimumVocabularySize(controlTokens)) {
    throw new RangeError(`vocabulary size must be an integer ≥ ${minimumVocabularySize(controlTokens)}`);
  }
  const tokens: string[] = [...SPECIAL_TOKENS];
  const types: number[] = [TokenType.unknown, TokenType.control, TokenType.control];
  for (let byte = 0; byte < BYTE_TOKEN_COUNT; byte++) {
    tokens.push(`<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(TokenType.byte);
  }
  for (const control of controlTokens) {
    tokens.push(control);
    types.push(TokenType.control);
  }
  const taken = new Set(tokens);
  if (taken.size !== tokens.length) throw new RangeError('control tokens must be unique and not special');
  const firstNormal = tokens.length;
  for (const piece of normalPieces()) {
    if (tokens.length >= size) break;
    if (taken.has(piece)) continue;
    taken.add(piece);
    tokens.push(piece);
    types.push(TokenType.normal);
  }
  // Normal pieces score -1, -2, …: earlier (more common) pieces win merges. Others score 0.
  const scores = new Float32Array(size);
  for (let id = firstNormal; id < size; id++) scores[id] = -(id - firstNormal + 1);
  return { tokens, scores, types: Int32Array.from(types), unknownId: 0, bosId: 1, eosId: 2 };
}

/** Normal pieces in order of preference; may repeat, the caller skips repeats. Never ends. */
function* normalPieces(): Generator<string> {
  yield WORD_START;
  for (const char of PUNCTUATION) yield char;
  for (const char of lettersAndDigits()) {
    yield WORD_START + char;
    yield char;
  }
  for (const word of COMMON_WORDS) {
    const characters = [...word];
    for (let length = 1; length <= characters.length; length++) {
      yield WORD_START + characters.slice(0, length).join('');
    }
  }
  for (const char of PUNCTUATION) yield WORD_START + char;
  for (const char of CJK_CHARACTERS) yield char;
  yield WORD_START.repeat(2);
  yield WORD_START.repeat(4);
  // Then every lowercase string of length 2, 3, 4, …, bare and word-initial, in a fixed order.
  for (let length = 2; ; length++) {
    for (const text of lowercaseStrings(length)) {
      yield text;
      yield WORD_START + text;
    }
  }
}

function* lettersAndDigits(): Generator<string> {
  for (let code = 97; code <= 122; code++) yield String.fromCharCode(code);
  for (let code = 65; code <= 90; code++) yield String.fromCharCode(code);
  for (let digit = 0; digit <= 9; digit++) yield String(digit);
}

/**
 * All strings of `length` lowercase ASCII letters, visited in a scrambled but fixed order (a stride
 * coprime with 26^length), so a vocabulary cut off part-way holds pieces from every letter rather
 * than only those starting with "a" to "m".
 */
function* lowercaseStrings(length: number): Generator<string> {
  const count = 26 ** length;
  for (let step = 0; step < count; step++) {
    let code = (step * SCRAMBLE_STRIDE) % count;
    let text = '';
    for (let position = 0; position < length; position++) {
      text = String.fromCharCode(97 + (code % 26)) + text;
      code = Math.floor(code / 26);
    }
    yield text;
  }
}
