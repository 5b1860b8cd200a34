import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Capability } from "../../src/model/capabilities.js";
import type { EchoedRequest } from "../../src/simulator/faults.js";
import { vendors } from "../../src/vendors/registry.js";
import { type GatewayHarness, startGateway } from "../support/gateway-harness.js";

/**
 * Every vendor, signed in every way it can be, behind simulators whose errors echo what each
 * request carried (its credential headers, query and body). Whatever a vendor echoes, no form of a
 * credential Rollcall holds or sends may come out of Rollcall: not in GraphQL errors, mutation
 * results, Source.status, /health/sources, /avatars, nor any log line at level trace.
 */

/** Config keys that name an account rather than hold a secret. */
const IDENTITY_KEYS = new Set(["username", "email"]);
/** Shorter secrets are only scrubbed where they stand alone (README, "Errors"). */
const SHORT = 8;
/** A piece this long of a secret is a leak of it, wherever it appears (a secret cut short). */
const WINDOW = 12;
const MARKER = "[redacted]";
const WRITES = ["POST", "PUT", "PATCH", "DELETE"];
/** The password every invite here creates its account with: a secret Rollcall sends too. */
const INVITEE_PASSWORD = "Invitee-Passw0rd!";

const modes = vendors.flatMap((vendor) =>
  vendor.simulator.demoAuths.map((auth, i) => ({ vendor, auth, id: `${vendor.kind}-${i + 1}` })),
);

/**
 * How a secret must not show: `piece` — neither whole nor any WINDOW-long piece of it; `whole` —
 * not whole (a Basic header's `user:password`, whose `user` names an account and may show); `alone`
 * — a short one, not standing alone in its source's own texts.
 */
type Check = "piece" | "whole" | "alone";

/** What the test knows a source's secrets to be: its configured ones, the new account's password,
 *  and every credential the simulator saw it send (tokens obtained by logging in included). */
function secretsOf(auth: Record<string, unknown>, echoed: readonly EchoedRequest[]): Map<string, Check> {
  const secrets = new Map<string, Check>();
  const add = (value: string, check: Check = "piece") =>
    secrets.set(value, value.length < SHORT ? "alone" : check);
  add(INVITEE_PASSWORD);
  for (const [key, value] of Object.entries(auth))
    if (!IDENTITY_KEYS.has(key) && typeof value === "string") add(value);
  for (const request of echoed)
    for (const value of Object.values(request.headers)) {
      const basic = /^basic\s+(\S+)$/i.exec(value)?.[1];
      if (basic === undefined) {
        add(value);
        const token = /^\S+\s+(\S+)$/.exec(value)?.[1];
        if (token) add(token);
        continue;
      }
      const decoded = Buffer.from(basic, "base64").toString("utf8");
      const password = decoded.slice(decoded.indexOf(":") + 1);
      // A login may send `Basic base64("<site>:")`: a public site name and no password.
      if (password === "") continue;
      add(value);
      add(basic);
      add(password);
      add(decoded, "whole");
    }
  return secrets;
}

/** The ways a secret can be written in text: as is, URL-encoded, form-encoded, JSON-escaped. */
function formsOf(secret: string): string[] {
  return [
    ...new Set([
      secret,
      encodeURIComponent(secret),
      new URLSearchParams({ s: secret }).toString().slice(2),
      JSON.stringify(secret).slice(1, -1),
    ]),
  ];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Where `text` shows a secret the way its check forbids (only the checks named are run). */
function leaksIn(text: string, secrets: Map<string, Check>, checks: readonly Check[]): string[] {
  const found: string[] = [];
  for (const [secret, check] of secrets) {
    if (!checks.includes(check)) continue;
    for (const form of formsOf(secret)) {
      if (check === "alone") {
        if (new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(form)}(?![\\p{L}\\p{N}])`, "u").test(text))
          found.push(form);
      } else if (text.includes(form)) found.push(form);
      else if (check === "piece")
        for (let at = 0; at + WINDOW <= form.length; at++)
          if (text.includes(form.slice(at, at + WINDOW))) {
            found.push(`${form.slice(at, at + WINDOW)} (piece of ${form.slice(0, 6)}…)`);
            break;
          }
    }
  }
  return found;
}

const READ = `{
  sources { id status { reachable problem { code message } } }
  users(first: 5) { nodes { id } }
}`;

const INVITE = `mutation Invite($groups: [ID!]) {
  inviteUser(input: {
    email: "echo.tester@example.com", firstName: "Echo", lastName: "Tester",
    password: "${INVITEE_PASSWORD}", groups: $groups
  }) { ok results { source { id } status warnings error { code message field } user { id } } }
}`;

describe.each([400, 401, 500])("vendor errors that echo the request (HTTP %i)", (status) => {
  let gw: GatewayHarness;
  /** Everything Rollcall answered, as text. */
  const answers: string[] = [];
  /** Per source and step, the texts that answered for it (its errors, problems, results). */
  const bySource = new Map<string, string[]>();
  /** Per source, every request its simulator echoed. */
  const echoedBy = new Map<string, EchoedRequest[]>();
  const note = (sourceId: string, step: string, text: string) => {
    const key = `${sourceId} ${step}`;
    bySource.set(key, [...(bySource.get(key) ?? []), text]);
  };
  const ownTexts = (id: string) =>
    [...bySource].filter(([key]) => key.startsWith(`${id} `)).flatMap(([, t]) => t);

  /** Runs `step` with every simulator echoing the requests `methods` names (all when absent). */
  async function echoing(methods: readonly string[] | undefined, step: () => Promise<void>): Promise<void> {
    for (const sim of gw.sims.values()) sim.faults.inject({ kind: "echo", status, methods });
    await step();
    for (const [id, sim] of gw.sims) {
      echoedBy.set(id, [...(echoedBy.get(id) ?? []), ...sim.faults.echoed]);
      sim.faults.clear();
    }
  }

  /** Reads through every surface that shows a source's failure. */
  async function readEverywhere(step: string): Promise<void> {
    const answer = await gw.gql<{
      sources: Array<{ id: string; status: { problem: { message: string } | null } }>;
    }>(READ);
    answers.push(JSON.stringify(answer));
    for (const source of answer.data?.sources ?? [])
      if (source.status.problem) note(source.id, step, source.status.problem.message);
    for (const error of answer.errors ?? [])
      if (typeof error.extensions?.source === "string") note(error.extensions.source, step, error.message);

    const health = await fetch(`${gw.rollcall.origin}/health/sources`).then((r) => r.text());
    answers.push(health);
    for (const source of (JSON.parse(health) as { sources: Array<{ id: string; message?: string }> }).sources)
      if (source.message) note(source.id, step, source.message);

    for (const { vendor, id } of modes) {
      if (!gw.rollcall.gateway.connector(id)?.avatar) continue;
      const user = encodeURIComponent(`${id}:User:${vendor.simulator.unknownId}`);
      const avatar = await fetch(`${gw.rollcall.origin}/avatars/${user}`, {
        headers: { authorization: `Bearer ${gw.keys.write}` },
      }).then((r) => r.text());
      answers.push(avatar);
      note(id, step, avatar);
    }
  }

  beforeAll(async () => {
    gw = await startGateway({
      instances: modes.map(({ vendor, id }) => ({ vendor, id })),
      users: 3,
      sourceOverrides: Object.fromEntries(modes.map(({ id, auth }) => [id, { auth }])),
      extraConfig: { logging: { level: "trace" } },
    });

    // Every call echoes, so a source that logs in has its login (and its password) echoed.
    await echoing(undefined, () => readEverywhere("login"));
    // Reads echo; a login succeeds, so its token is what comes back (after one renewal on a 401).
    await echoing(["GET"], () => readEverywhere("reads"));
    // Writes echo, after reads that signed in and found a group for the vendors that need one.
    const groups = await gw.gql<{ groups: { nodes: Array<{ id: string; source: { id: string } }> } }>(
      `{ groups(first: 100) { nodes { id source { id } } } }`,
    );
    const firstGroups = new Map<string, string>();
    for (const group of groups.data?.groups.nodes ?? [])
      if (!firstGroups.has(group.source.id)) firstGroups.set(group.source.id, group.id);
    await echoing(WRITES, async () => {
      const invite = await gw.mutate<{
        inviteUser: {
          results: Array<{ source: { id: string }; warnings: string[]; error: { message: string } | null }>;
        };
      }>(INVITE, { groups: [...firstGroups.values()] });
      answers.push(JSON.stringify(invite));
      for (const result of invite.data?.inviteUser.results ?? []) {
        if (result.error) note(result.source.id, "writes", result.error.message);
        for (const warning of result.warnings) note(result.source.id, "writes", warning);
      }
    });
  });
  afterAll(() => gw?.stop());

  const each = it.each(modes.map((mode) => [mode.id, mode] as const));

  each("%s: every request it sent carried a credential, and the simulator echoed it", (id, { auth }) => {
    const echoed = echoedBy.get(id) ?? [];
    const secrets = [...secretsOf(auth, echoed).keys()];
    expect(echoed.length).toBeGreaterThan(0);
    for (const request of echoed) {
      const carried = [...Object.values(request.headers), request.body].join("\n");
      expect(secrets.some((secret) => formsOf(secret).some((form) => carried.includes(form)))).toBe(true);
    }
  });

  each("%s: the echo reaches every step's answer, scrubbed", (id) => {
    // Writes reach the vendors that invite; the others answer UNSUPPORTED_BY_SOURCE without a call.
    const invites = gw.rollcall.gateway.connector(id)?.capabilities.has(Capability.INVITE_USERS);
    for (const step of ["login", "reads", ...(invites ? ["writes"] : [])])
      expect({ step, marked: bySource.get(`${id} ${step}`)?.some((t) => t.includes(MARKER)) }).toEqual({
        step,
        marked: true,
      });
  });

  each("%s: no form of its secrets in any answer", (id, { auth }) => {
    const secrets = secretsOf(auth, echoedBy.get(id) ?? []);
    expect(leaksIn(answers.join("\n"), secrets, ["piece", "whole"])).toEqual([]);
    expect(leaksIn(ownTexts(id).join("\n"), secrets, ["alone"])).toEqual([]);
  });

  each("%s: no form of its secrets in any log line, at level trace", (id, { auth }) => {
    expect(gw.logs.length).toBeGreaterThan(0);
    const secrets = secretsOf(auth, echoedBy.get(id) ?? []);
    expect(leaksIn(gw.logs.join("\n"), secrets, ["piece", "whole"])).toEqual([]);
    const own = gw.logs.filter((line) => line.includes(`\\"${id}\\"`) || line.includes(`"${id}"`));
    expect(leaksIn(own.join("\n"), secrets, ["alone"])).toEqual([]);
  });
});
