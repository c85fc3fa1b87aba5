// Order statistics shared by the benchmark scripts (`make bench`).

/** A sorted copy of `xs` (numbers, ascending). */
export const sorted = (xs) => [...xs].sort((a, b) => a - b);

/** The median of `xs`: the middle value, or the mean of the two middle ones. */
export const median = (xs) => { const s = sorted(xs); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

/** The `p`th percentile of `xs` (nearest rank). */
export const pct = (xs, p) => { const s = sorted(xs); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };
