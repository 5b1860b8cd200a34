/**
 * The demo's onboarding template, "mobile-tester": in each simulated vendor, what its seed gives a
 * new tester (the vendor module's `simulator.demoOnboarding`), on the source the demo gives it.
 */
import type { Templates } from "../config/templates-schema.js";
import { vendors } from "../vendors/registry.js";
import { demoSourceId } from "./start-demo.js";

export const DEMO_TEMPLATE = "mobile-tester";

/** The template, for the demo's sources (every vendor's when none are named). */
export function demoTemplates(sourceIds?: readonly string[]): Templates {
  const parts = vendors
    .map((v) => ({ source: demoSourceId(v.kind), wants: v.simulator.demoOnboarding ?? {} }))
    .filter(({ source }) => !sourceIds || sourceIds.includes(source));
  return {
    [DEMO_TEMPLATE]: {
      description: "A tester on the mobile projects, in every tool",
      grants: parts.flatMap(({ source, wants }) =>
        (wants.grants ?? []).map((g) => ({ source, project: g.project, ...(g.role && { role: g.role }) })),
      ),
      groups: parts.flatMap(({ source, wants }) => (wants.groups ?? []).map((group) => ({ source, group }))),
      teams: parts.flatMap(({ source, wants }) => (wants.teams ?? []).map((team) => ({ source, team }))),
    },
  };
}
