import type { DefinitionVersionSummary } from "../api/types";
import { navigate } from "../app/router";
import { formatTime } from "../common/format";

/** Every stored version; choosing an older one opens it read-only. */
export function VersionsMenu({ definitionId, versions, shown }: { definitionId: string; versions: DefinitionVersionSummary[]; shown: number | undefined }) {
  if (versions.length === 0) return null;
  const latest = versions[0]!.version;
  return (
    <label>Versions{" "}
      <select aria-label="versions" value={shown ?? ""} onChange={(e) => {
        const v = Number(e.target.value);
        navigate(`/designer/${encodeURIComponent(definitionId)}${v === latest ? "" : `?version=${v}`}`);
      }}>
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            v{v.version} {v.isPublished ? `published ${formatTime(v.publishedAt)}` : "draft"}
          </option>
        ))}
      </select>
    </label>
  );
}
