/** The emulator's only source of chance: a small seeded generator, so a seed replays a run. */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, bound). */
  int(bound: number): number;
  pick<T>(items: readonly T[]): T;
  chance(probability: number): boolean;
  hex(length: number): string;
  /** Characters from `alphabet`, e.g. base32hex for Calendar ids. */
  chars(length: number, alphabet: string): string;
  digits(length: number): string;
  /** Where the sequence stands: `createRandom(seed, stream, position)` continues from here. */
  position(): number;
}

/** Hashes text into 32 bits (FNV-1a), to derive independent streams from one seed. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * mulberry32: tiny, fast and good enough for ids and sample mail. Each `stream` label gives its own
 * sequence, so drawing fault probabilities never shifts the ids a seed produces.
 */
export function createRandom(seed: number, stream = '', position?: number): Random {
  let state = position !== undefined ? position >>> 0 : (hash32(`${seed}:${stream}`) ^ Math.imul(seed | 0, 0x9e3779b1)) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (bound: number): number => Math.floor(next() * bound);
  const chars = (length: number, alphabet: string): string => {
    let out = '';
    for (let i = 0; i < length; i += 1) out += alphabet[int(alphabet.length)];
    return out;
  };
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(items.length)] as T;
    },
    chance: (probability) => next() < probability,
    hex: (length) => chars(length, '0123456789abcdef'),
    chars,
    digits: (length) => chars(length, '0123456789'),
    position: () => state,
  };
}
