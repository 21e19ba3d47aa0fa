/** One loss's mean score in one stage and augmentation (and dataset, for the transfer stages). */
export interface LeaderboardRow {
  stage: string;
  augmentation: string;
  dataset: string | null;
  loss: string;
  mean: number;
  seeds: number;
}

interface Score {
  loss: string;
  augmentation: string;
  dataset?: string | null;
  seed: number;
  score: number;
}

function isScore(x: unknown): x is Score {
  const s = x as Score;
  return typeof s === "object" && s !== null && typeof s.loss === "string" && typeof s.augmentation === "string" && typeof s.score === "number";
}

/**
 * Ranks the losses of every activity output named `scores` (fitness in the search, test accuracy in the
 * transfer stages): per stage, augmentation and dataset, the mean over seeds, best first.
 */
export function leaderboard(outputsByActivity: Record<string, unknown>): LeaderboardRow[] {
  const rows: LeaderboardRow[] = [];
  for (const [stage, outputs] of Object.entries(outputsByActivity)) {
    const scores = (outputs as { scores?: unknown } | null)?.scores;
    if (!Array.isArray(scores)) continue;
    const groups = new Map<string, Score[]>();
    for (const s of scores.filter(isScore)) {
      const key = JSON.stringify([s.augmentation, s.dataset ?? null, s.loss]);
      groups.set(key, [...(groups.get(key) ?? []), s]);
    }
    for (const group of groups.values()) {
      const first = group[0]!;
      rows.push({ stage, augmentation: first.augmentation, dataset: first.dataset ?? null, loss: first.loss,
        mean: group.reduce((t, s) => t + s.score, 0) / group.length, seeds: group.length });
    }
  }
  return rows.sort((a, b) => a.stage.localeCompare(b.stage) || a.augmentation.localeCompare(b.augmentation)
    || (a.dataset ?? "").localeCompare(b.dataset ?? "") || b.mean - a.mean);
}

/** Every `{expression, latex}` pair anywhere in the outputs: the LaTeX of each loss the search found. */
export function latexByExpression(value: unknown, into = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value)) value.forEach((v) => latexByExpression(v, into));
  else if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (typeof o.expression === "string" && typeof o.latex === "string") into.set(o.expression, o.latex);
    Object.values(o).forEach((v) => latexByExpression(v, into));
  }
  return into;
}
