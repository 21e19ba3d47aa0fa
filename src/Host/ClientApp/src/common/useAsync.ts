import { useCallback, useEffect, useState } from "react";

/** Loads with `load` whenever `deps` change; `reload` loads again. */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]) {
  const [value, setValue] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (v) => { setValue(v); setError(undefined); },
      (e: unknown) => { if (!controller.signal.aborted) setError(e instanceof Error ? e : new Error(String(e))); },
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { value, error, reload, setValue };
}
