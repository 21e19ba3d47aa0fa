/** "3 h 12 min", "45 s": a duration for people. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "—";
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

export function formatTime(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : "—";
}

/** Time still needed at the rate so far; null when nothing to extrapolate from. */
export function estimateRemainingMs(startedAt: string, progress: number, now: number): number | null {
  if (!(progress > 0) || progress >= 1) return null;
  const elapsed = now - new Date(startedAt).getTime();
  return (elapsed * (1 - progress)) / progress;
}
