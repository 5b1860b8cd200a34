/** Who the console acts for: the signed-in credential's viewer, read from the gateway. */
import { createContext, useContext } from "react";
import type { Viewer } from "./queries";

export interface SignedIn {
  readonly viewer: Viewer;
  /** Holds write (or admin) scope: plans may be made and applied. */
  readonly canWrite: boolean;
}

export const ViewerContext = createContext<SignedIn>({
  viewer: { kind: null, name: null, issuer: null, scopes: [] },
  canWrite: false,
});

export function useViewer(): SignedIn {
  return useContext(ViewerContext);
}

export function signedIn(viewer: Viewer): SignedIn {
  return { viewer, canWrite: viewer.scopes.includes("WRITE") || viewer.scopes.includes("ADMIN") };
}
