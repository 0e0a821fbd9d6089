/**
 * A small seeded PRNG (mulberry32): a seed reproduces the same sequence on every platform. ROSE
 * sampling uses it so a seed gives the same text on both logits sources, and the random-words
 * reverse prompt so it can be rebuilt from its seed. Math.random cannot be seeded.
 */
export type Prng = () => number;

export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
