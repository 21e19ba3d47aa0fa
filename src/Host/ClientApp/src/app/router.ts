import { useEffect, useState } from "react";
import { parseRoute, type Route } from "./routes";

type Guard = () => string | null;
let leaveGuard: Guard | null = null;

/** While set, leaving the page shown (a link in the app, the browser's Back or Forward) asks first with the guard's message. */
export function setLeaveGuard(guard: Guard | null): void {
  leaveGuard = guard;
}

function mayLeave(): boolean {
  const message = leaveGuard?.();
  return !message || window.confirm(message);
}

const here = () => window.location.pathname + window.location.search;
/** The location whose page is shown: after a refused Back it differs from the history's until restored. */
let shown = here();
const listeners = new Set<() => void>();

function show(): void {
  shown = here();
  listeners.forEach((l) => l());
}

export function navigate(to: string): void {
  if (!mayLeave()) return;
  window.history.pushState(null, "", to);
  show();
}

// Back and Forward have already moved the history when popstate arrives: a refused move puts the page's own location
// back on top (the entry left behind is the same page, so the history reads as before).
window.addEventListener("popstate", () => {
  if (here() === shown) return;
  if (!mayLeave()) { window.history.pushState(null, "", shown); return; }
  show();
});

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.pathname, window.location.search));
  useEffect(() => {
    const update = () => setRoute(parseRoute(window.location.pathname, window.location.search));
    listeners.add(update);
    return () => { listeners.delete(update); };
  }, []);
  return route;
}
