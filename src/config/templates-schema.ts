import { z } from "zod";

const name = z.string().trim().min(1);

/**
 * Onboarding templates (`templates`): what a new person gets, by name ("mobile-tester"). Projects,
 * roles, groups and teams are named as the vendor names them (or by id), and resolved against the
 * live lists when a plan is made; each `source` must be a configured source's id.
 */
export const templateSchema = z.strictObject({
  description: z.string().optional(),
  /** A role on a project; no role: the vendor's default. */
  grants: z.array(z.strictObject({ source: name, project: name, role: name.optional() })).default([]),
  groups: z.array(z.strictObject({ source: name, group: name })).default([]),
  teams: z.array(z.strictObject({ source: name, team: name })).default([]),
});

export const templatesSchema = z.record(
  z.string().regex(/^[A-Za-z0-9][\w.-]*$/, "a template's name is letters, digits, `.`, `_` and `-`"),
  templateSchema,
);

export type Template = z.infer<typeof templateSchema>;
export type Templates = z.infer<typeof templatesSchema>;

/** Each template entry's source is configured: issues at `templates.<name>.<list>[i].source`. */
export function checkTemplateSources(
  templates: Templates,
  sourceIds: readonly string[],
  ctx: z.RefinementCtx,
): void {
  const known = new Set(sourceIds);
  for (const [templateName, template] of Object.entries(templates))
    for (const list of ["grants", "groups", "teams"] as const)
      template[list].forEach((entry, index) => {
        if (!known.has(entry.source))
          ctx.addIssue({
            code: "custom",
            path: ["templates", templateName, list, index, "source"],
            message: `names no configured source "${entry.source}" (sources: ${sourceIds.join(", ")})`,
          });
      });
}
