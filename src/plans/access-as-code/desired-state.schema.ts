/**
 * The desired-state file of access as code, as written by hand: who (by email) should hold which
 * role on which project, be in which groups and teams, in which sources, active or not; and which
 * projects, groups and teams the file decides alone (`exclusive: true`: holders it does not list
 * lose access there). Sources are named by their configured id; projects, groups and teams by name
 * or id (resolve-desired-state.ts). Unknown keys are errors, as in the config: a typo never
 * silently drops a line of intent.
 */
import { z } from "zod";

const sourceId = z.string().trim().min(1, "must name a configured source id");
/** A project, group or team: its name, its id in the vendor, or its global id (`src:Project:7`). */
const reference = (what: string) => z.string().trim().min(1, `must name a ${what} (its name or id)`);

const grantSchema = z.strictObject({
  source: sourceId,
  project: reference("project"),
  /** The vendor's own role name (the source's project roles; case does not matter). */
  role: z.string().trim().min(1, "must name one of the source's project roles"),
});

const groupMembershipSchema = z.strictObject({ source: sourceId, group: reference("group") });
const teamMembershipSchema = z.strictObject({ source: sourceId, team: reference("team") });

const personSchema = z
  .strictObject({
    email: z.string().trim().pipe(z.email("must be an email address")),
    /** For an account the plan creates: split at the last space into first and last name. */
    name: z.string().trim().min(1).optional(),
    firstName: z.string().trim().min(1).optional(),
    lastName: z.string().trim().min(1).optional(),
    /** true: reactivate where inactive; false: deactivate where active; omitted: left as it is. */
    active: z.boolean().optional(),
    /** Sources where the person should have an account even without a grant, group or team there. */
    sources: z.array(sourceId).default([]),
    grants: z.array(grantSchema).default([]),
    groups: z.array(groupMembershipSchema).default([]),
    teams: z.array(teamMembershipSchema).default([]),
  })
  .refine((p) => p.name === undefined || (p.firstName === undefined && p.lastName === undefined), {
    message: "give either name or firstName and lastName, not both",
    path: ["name"],
  });

const exclusiveProjectSchema = z.strictObject({
  source: sourceId,
  project: reference("project"),
  /** Holders the file does not grant this project lose their access to it. */
  exclusive: z.boolean().default(false),
});
const exclusiveGroupSchema = z.strictObject({
  source: sourceId,
  group: reference("group"),
  exclusive: z.boolean().default(false),
});
const exclusiveTeamSchema = z.strictObject({
  source: sourceId,
  team: reference("team"),
  exclusive: z.boolean().default(false),
});

export const desiredStateSchema = z
  .strictObject({
    /** Projects, groups and teams the file says something about as a whole (`exclusive`). */
    projects: z.array(exclusiveProjectSchema).default([]),
    groups: z.array(exclusiveGroupSchema).default([]),
    teams: z.array(exclusiveTeamSchema).default([]),
    people: z.array(personSchema).default([]),
  })
  .superRefine((file, ctx) => {
    // One entry per person: two entries for one email would contradict each other.
    const seen = new Map<string, number>();
    file.people.forEach((person, index) => {
      const key = person.email.trim().toLowerCase();
      const first = seen.get(key);
      if (first === undefined) seen.set(key, index);
      else
        ctx.addIssue({
          code: "custom",
          path: ["people", index, "email"],
          message: `${person.email.trim()} is listed already, at people[${first}]: one entry per person`,
        });
    });
  });

export type DesiredStateFile = z.infer<typeof desiredStateSchema>;
export type DesiredPerson = DesiredStateFile["people"][number];
