// A seeded random source (mulberry32), so a failing run can be replayed with its seed.

export type Random = () => number;

export function seeded(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** RELIABILITY_SEED from the environment, or a fixed default so CI runs are the same. */
export function seedFromEnv(fallback: number): number {
  const given = Number.parseInt(process.env.RELIABILITY_SEED ?? '', 10);
  return Number.isFinite(given) ? given : fallback;
}
