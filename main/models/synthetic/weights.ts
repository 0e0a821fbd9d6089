/**
 * Seeded random numbers for synthetic weights, and the float32 → float16 conversion that Node 20
 * lacks (no Float16Array). Everything here is deterministic: the same seed gives the same bits on
 * every machine, which is what makes two writes of a model byte-identical.
 */

const TWO_PI = 2 * Math.PI;
const TWO_POW_MINUS_32 = 2 ** -32;

/** One step of splitmix32: a good 32-bit mixer, used only to expand a seed into generator state. */
function splitmix32(state: number): { value: number; next: number } {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return { value: (z ^ (z >>> 15)) >>> 0, next };
}

/** FNV-1a over the UTF-16 code units of `text`; gives each tensor its own stream. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  }
  return hash >>> 0;
}

/**
 * xoshiro128**: fast, small-state, 32-bit generator with good statistical quality. JavaScript's
 * Math.random cannot be seeded, and 64-bit generators would need BigInt (far too slow here).
 */
export class Xoshiro128 {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  /** `seed` is any safe integer; `stream` separates independent sequences under one seed. */
  constructor(seed: number, stream = '') {
    let state = hashString(stream) ^ (seed >>> 0) ^ Math.imul(Math.floor(seed / 2 ** 32) | 0, 0x85ebca6b);
    const words: number[] = [];
    for (let index = 0; index < 4; index++) {
      const step = splitmix32(state);
      words.push(step.value);
      state = step.next;
    }
    // An all-zero state would stay zero forever; splitmix makes it vanishingly unlikely, but be sure.
    if ((words[0]! | words[1]! | words[2]! | words[3]!) === 0) words[0] = 1;
    [this.s0, this.s1, this.s2, this.s3] = words as [number, number, number, number];
  }

  /** The next unsigned 32-bit integer. */
  nextUint32(): number {
    const result = Math.imul(rotateLeft(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const shifted = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= shifted;
    this.s3 = rotateLeft(this.s3, 11);
    return result;
  }
}

function rotateLeft(value: number, bits: number): number {
  return (value << bits) | (value >>> (32 - bits));
}

/**
 * Normally distributed numbers by the Box–Muller transform. Each pair of uniforms gives two
 * values; the second is kept for the next call, so how a tensor is cut into chunks never changes
 * the numbers it receives.
 */
export class GaussianStream {
  private readonly random: Xoshiro128;
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number, stream: string) {
    this.random = new Xoshiro128(seed, stream);
  }

  /** Fills `target` with values drawn from N(0, std²). */
  fill(target: Float32Array, std: number): void {
    const length = target.length;
    let index = 0;
    if (this.hasSpare && length > 0) {
      target[index++] = this.spare * std;
      this.hasSpare = false;
    }
    const random = this.random;
    while (index < length) {
      // (0, 1]: never 0, so the logarithm stays finite.
      const u1 = (random.nextUint32() + 1) * TWO_POW_MINUS_32;
      const u2 = random.nextUint32() * TWO_POW_MINUS_32;
      const radius = Math.sqrt(-2 * Math.log(u1));
      const angle = TWO_PI * u2;
      target[index++] = radius * Math.cos(angle) * std;
      const second = radius * Math.sin(angle);
      if (index < length) {
        target[index++] = second * std;
      } else {
        this.spare = second;
        this.hasSpare = true;
      }
    }
  }
}

/**
 * Converts float32 values to IEEE 754 half-precision bit patterns, rounding to nearest, ties to
 * even (what numpy and ggml do). Overflow becomes ±infinity, NaN stays NaN, tiny values become
 * half-precision subnormals or signed zero.
 */
export function float32ToFloat16(source: Float32Array, target: Uint16Array): void {
  if (target.length < source.length) throw new RangeError('float16 target is shorter than the source');
  const bits = new Uint32Array(source.buffer, source.byteOffset, source.length);
  for (let index = 0; index < bits.length; index++) {
    target[index] = halfFromFloatBits(bits[index]!);
  }
}

function halfFromFloatBits(x: number): number {
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  const mantissa = x & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa !== 0 ? 0x200 : 0);
  const halfExponent = exponent - 112; // rebias: 127 → 15
  if (halfExponent >= 0x1f) return sign | 0x7c00;
  if (halfExponent <= 0) {
    if (halfExponent < -10) return sign;
    // Subnormal half: shift the full significand (with its implicit 1) into 10 bits.
    const significand = mantissa | 0x800000;
    const shift = 14 - halfExponent;
    let half = significand >>> shift;
    const remainder = significand & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (remainder > halfway || (remainder === halfway && (half & 1) === 1)) half++;
    return sign | half;
  }
  let half = (halfExponent << 10) | (mantissa >>> 13);
  const remainder = mantissa & 0x1fff;
  // A carry out of the mantissa correctly bumps the exponent (and reaches infinity at the top).
  if (remainder > 0x1000 || (remainder === 0x1000 && (half & 1) === 1)) half++;
  return sign | half;
}
