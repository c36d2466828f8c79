// Types for bench/lib/random-queries.js (plain ESM so the bench scripts run without a build).
export function randomQueries(options: { count: number; seed?: number }): string[];
