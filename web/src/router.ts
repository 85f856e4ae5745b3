import { useEffect, useState } from "preact/hooks";

/** Hash routes (#/review/abc): the page is one static file, so no server-side routes are needed. */
export function useRoute(): string {
  const [route, setRoute] = useState(current());
  useEffect(() => {
    const update = () => setRoute(current());
    window.addEventListener("hashchange", update);
    return () => window.removeEventListener("hashchange", update);
  }, []);
  return route;
}

function current(): string {
  return location.hash.replace(/^#/, "") || "/";
}

export function navigate(path: string) {
  location.hash = "#" + path;
}
