import type { VendorModule } from "../../src/vendors/vendor-module.js";
import { startGateway } from "./gateway-harness.js";

/** `Source.capabilities` as GraphQL answers it for one source of this vendor, sorted. */
export async function capabilitiesThroughGraphql(vendor: VendorModule): Promise<string[]> {
  const gw = await startGateway({ instances: [{ vendor, id: "src" }], users: 1 });
  try {
    const { data, errors } = await gw.gql<{ source: { capabilities: string[] } }>(
      `{ source(id: "src") { capabilities } }`,
    );
    if (errors) throw new Error(JSON.stringify(errors));
    return [...data!.source.capabilities].sort();
  } finally {
    await gw.stop();
  }
}
