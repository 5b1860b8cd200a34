/**
 * Where the console is, in the URL's hash (`#/people/<id>`): the gateway serves one page, and a
 * link or a reload lands on the same view. Each area of the console is one first segment.
 */
import { useEffect, useState } from "react";

export interface Route {
  readonly area: string;
  readonly id: string | null;
}

export function parseRoute(hash: string): Route {
  const [area, ...rest] = hash.replace(/^#\/?/, "").split("/");
  return { area: area || "people", id: rest.length ? decodeURIComponent(rest.join("/")) : null };
}

export function href(area: string, id?: string): string {
  return id === undefined ? `#/${area}` : `#/${area}/${encodeURIComponent(id)}`;
}

export function navigate(area: string, id?: string): void {
  location.hash = href(area, id);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}
