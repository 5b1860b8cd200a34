import type { Connector } from "../../vendors/connector.js";
import type { Source } from "./source.type.js";

/** How a connector shows itself in GraphQL (no credentials, ever). */
export function sourceView(connector: Connector): Source {
  const { id, kind, vendor, name, baseUrl } = connector.source;
  return { id, kind, vendor, name, baseUrl, capabilities: [...connector.capabilities] };
}
