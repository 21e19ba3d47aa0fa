// The optional API token: asked for once when the server answers 401, kept for this tab only.
const key = "losssearch.apiToken";
let pending: Promise<string | null> | null = null;

export function currentToken(): string | null {
  return sessionStorage.getItem(key);
}

export function authHeaders(): Record<string, string> {
  const token = currentToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** Asks the person for the token (one prompt even when several requests failed at once); null when they decline. */
export function askForToken(): Promise<string | null> {
  pending ??= Promise.resolve().then(() => {
    const entered = window.prompt("This server needs an API token (Authorization: Bearer). Token:");
    pending = null;
    if (!entered) return null;
    sessionStorage.setItem(key, entered.trim());
    return entered.trim();
  });
  return pending;
}

export function forgetToken(): void {
  sessionStorage.removeItem(key);
}
