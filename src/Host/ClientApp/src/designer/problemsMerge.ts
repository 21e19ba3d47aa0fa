import type { Problems } from "./problemPaths";

/** Client and server problems together (the server's stand until the next edit). */
export function mergeProblems(a: Problems, b: Problems): Problems {
  const byActivity = new Map<string, Map<string, string[]>>();
  for (const source of [a, b])
    for (const [activity, fields] of source.byActivity) {
      const into = byActivity.get(activity) ?? new Map<string, string[]>();
      for (const [field, messages] of fields) into.set(field, [...new Set([...(into.get(field) ?? []), ...messages])]);
      byActivity.set(activity, into);
    }
  return { byActivity, general: [...new Set([...a.general, ...b.general])] };
}

export function problemCount(p: Problems): number {
  let n = p.general.length;
  for (const fields of p.byActivity.values()) for (const ms of fields.values()) n += ms.length;
  return n;
}
