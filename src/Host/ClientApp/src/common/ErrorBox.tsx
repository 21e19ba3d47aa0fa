export function ErrorBox({ error }: { error: Error | undefined | null }) {
  return error ? <div className="error" role="alert">{error.message}</div> : null;
}
