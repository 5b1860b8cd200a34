/**
 * `Query.templates`: the onboarding templates an app (the console) can offer, read from config —
 * each with the sources its entries name, so a person knows where an onboarding would reach.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type GatewayHarness, startGateway } from "../../support/gateway-harness.js";
import { anyVendor } from "../../support/pick-vendor.js";

const QUERY = `{ templates { name description sources } }`;

describe("the configured onboarding templates", () => {
  const vendor = anyVendor();
  let gw: GatewayHarness;
  let bare: GatewayHarness;
  beforeAll(async () => {
    const templates = {
      "qa-lead": { grants: [{ source: "b", project: "Mobile Banking", role: "Lead" }] },
      "mobile-tester": {
        description: "A tester on the mobile projects",
        teams: [{ source: "b", team: "QA Mobile" }],
        grants: [{ source: "a", project: "Mobile Banking" }],
      },
    };
    gw = await startGateway({
      users: 2,
      instances: [
        { vendor, id: "a" },
        { vendor, id: "b" },
      ],
      extraConfig: { templates },
    });
    bare = await startGateway({ users: 2, instances: [{ vendor, id: "a" }] });
  });
  afterAll(async () => {
    await gw?.stop();
    await bare?.stop();
  });

  it("lists each template by name, with its description and the sources it names in config order", async () => {
    const { data, errors } = await gw.gql(QUERY);
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      templates: [
        { name: "mobile-tester", description: "A tester on the mobile projects", sources: ["a", "b"] },
        { name: "qa-lead", description: null, sources: ["b"] },
      ],
    });
  });

  it("is an empty list when config has none", async () => {
    const { data, errors } = await bare.gql(QUERY);
    expect(errors).toBeUndefined();
    expect(data).toEqual({ templates: [] });
  });
});
