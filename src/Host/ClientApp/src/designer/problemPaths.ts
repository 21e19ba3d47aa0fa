/** Where a server validation error belongs in the designer. */
export type ProblemTarget =
  | { kind: "input"; activityIndex: number; input: string }
  | { kind: "activity"; activityIndex: number; field: string | null }
  | { kind: "connection"; connectionIndex: number }
  | { kind: "definition"; field: string };

/** Maps a problem-details key such as `$.root.activities[1].inputs.ticks.from` to its activity and input. */
export function targetOfPath(path: string): ProblemTarget {
  const activity = /^\$\.root\.activities\[(\d+)\](?:\.(\w+)(?:\.([^.[\]]+))?)?/.exec(path);
  if (activity) {
    const index = Number(activity[1]);
    if (activity[2] === "inputs" && activity[3]) return { kind: "input", activityIndex: index, input: activity[3] };
    return { kind: "activity", activityIndex: index, field: activity[2] ?? null };
  }
  const connection = /^\$\.root\.connections\[(\d+)\]/.exec(path);
  if (connection) return { kind: "connection", connectionIndex: Number(connection[1]) };
  return { kind: "definition", field: path.replace(/^\$\.?/, "") || "$" };
}

/** Problems by activity id and input ("" for the activity itself), plus the ones that belong to no activity. */
export interface Problems {
  byActivity: Map<string, Map<string, string[]>>;
  general: string[];
}

export function emptyProblems(): Problems {
  return { byActivity: new Map(), general: [] };
}

export function addProblem(problems: Problems, activityId: string | null, input: string, message: string): void {
  if (activityId === null) { problems.general.push(message); return; }
  const fields = problems.byActivity.get(activityId) ?? new Map<string, string[]>();
  fields.set(input, [...(fields.get(input) ?? []), message]);
  problems.byActivity.set(activityId, fields);
}

/** The server's `errors` (JSON path → messages) placed on the nodes and fields of the definition that was sent. */
export function problemsFromServer(errors: Record<string, string[]>, activityIds: string[], connections: { source: string; target: string }[]): Problems {
  const problems = emptyProblems();
  for (const [path, messages] of Object.entries(errors)) {
    const target = targetOfPath(path);
    for (const message of messages) {
      if (target.kind === "input") addProblem(problems, activityIds[target.activityIndex] ?? null, target.input, message);
      else if (target.kind === "activity") addProblem(problems, activityIds[target.activityIndex] ?? null, "", message);
      else if (target.kind === "connection") {
        const c = connections[target.connectionIndex];
        problems.general.push(c ? `connection ${c.source} → ${c.target}: ${message}` : `${path}: ${message}`);
      } else problems.general.push(`${target.field}: ${message}`);
    }
  }
  return problems;
}
