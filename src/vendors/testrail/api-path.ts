import { rootBefore } from "../source-basics.js";

/** Where every method lives below the instance root: the route itself is the query string
 *  (`index.php?/api/v2/<method>`, REFERENCE §5.1). */
export const API_PATH = "/index.php?/api/v2";

/** Leading parts of API_PATH a person may have copied into the baseUrl with the root. */
export const API_PATH_PARTS = ["/index.php?/api", "/index.php?", "/index.php"] as const;

/**
 * The instance root of a baseUrl that may carry TestRail's API path (copied from the docs:
 * `https://example.testrail.io/index.php?/api/v2/`), with or without a trailing slash; any other
 * URL as it is. Its query is TestRail's route, not a query of the root, so config takes it off
 * before checking the root.
 */
export function instanceRoot(baseUrl: string): string {
  return rootBefore(baseUrl, [API_PATH, ...API_PATH_PARTS]) ?? baseUrl;
}
