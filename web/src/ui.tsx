import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { ApiError } from "./api";
import { tc } from "./i18n";

/** A refusal in plain words, from the API's stable code; the server's message for codes not yet in the catalogue. */
export function explain(e: unknown): string {
  if (e instanceof ApiError) {
    return tc("code", e.code, { message: e.message, status: e.status });
  }
  return tc("code", "unknown", { message: String(e), code: "ERROR" });
}

export function Alert({ error }: { error: unknown }) {
  if (!error) {
    return null;
  }
  return (
    <p class="alert" role="alert" data-code={error instanceof ApiError ? error.code : undefined}>
      {explain(error)}
    </p>
  );
}

export function Notice({ children }: { children: ComponentChildren }) {
  return (
    <p class="notice" role="status">
      {children}
    </p>
  );
}

/** The page's heading takes focus on navigation, so screen readers and keyboard users start there. */
export function PageHeading({ children }: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h1 tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}

export function when(iso?: string | null): string {
  return iso ? new Date(iso).toLocaleString() : "";
}
