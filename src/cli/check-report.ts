import type { RollcallConfig } from "../config/config-schema.js";
import type { SourceCheck } from "./source-checks.js";

/**
 * Every configured secret in the forms Rollcall sends it (as given, and inside a Basic header), so
 * the report can be scrubbed of them whatever a vendor echoed. Identities (username, email) are not
 * secrets; everything else under `auth` is.
 */
export function configuredSecrets(config: RollcallConfig): string[] {
  const secrets = new Set<string>();
  for (const source of config.sources) {
    const auth = (source as { auth?: Record<string, unknown> }).auth ?? {};
    const identity = auth.username ?? auth.email;
    for (const [key, value] of Object.entries(auth)) {
      if (key === "username" || key === "email" || typeof value !== "string" || value === "") continue;
      secrets.add(value);
      if (typeof identity === "string")
        secrets.add(Buffer.from(`${identity}:${value}`, "utf8").toString("base64"));
    }
  }
  // Longest first, so a secret that contains another is replaced whole.
  return [...secrets].sort((a, b) => b.length - a.length);
}

export function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((out, secret) => out.split(secret).join("[redacted]"), text);
}

/** A check with every text that came from a vendor or a connector scrubbed of the secrets. */
export function redactCheck(check: SourceCheck, secrets: readonly string[]): SourceCheck {
  return {
    ...check,
    adminBasis: check.adminBasis === null ? null : redact(check.adminBasis, secrets),
    problem: check.problem && { code: check.problem.code, message: redact(check.problem.message, secrets) },
  };
}

const yesNo = (value: boolean | null, unknown: string) => (value === null ? unknown : value ? "yes" : "no");

/** The table `rollcall check` prints (give it redacted checks), a line per source, then notes and a verdict. */
export function renderChecks(checks: readonly SourceCheck[]): string {
  const header = ["SOURCE", "REACHABLE", "AUTHENTICATED", "ADMIN RIGHTS", "LATENCY", "PROBLEM"];
  const rows = checks.map((c) => {
    // Not reached: the later columns were not asked at all.
    const asked = c.reachable !== false;
    return [
      `${c.id} (${c.kind})`,
      yesNo(c.reachable, "unknown"),
      asked ? yesNo(c.authenticated, "unknown") : "-",
      asked ? yesNo(c.admin, "unknown") : "-",
      `${c.latencyMs} ms`,
      c.problem ? `${c.problem.code}: ${c.problem.message}` : "-",
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  const notes = checks
    .filter((c) => c.admin === null && c.adminBasis)
    .map((c) => `  ${c.id}: admin rights unknown: ${c.adminBasis}`);
  const failing = checks.filter((c) => c.problem).length;
  const verdict =
    failing === 0
      ? `All ${checks.length} sources can be used.`
      : `${failing} of ${checks.length} sources have a problem.`;
  return [
    line(header),
    ...rows.map(line),
    ...(notes.length ? ["", "Notes:", ...notes] : []),
    "",
    verdict,
  ].join("\n");
}

/** The same findings for scripts: `rollcall check --json`. */
export function checksJson(checks: readonly SourceCheck[]): string {
  return JSON.stringify({ ok: checks.every((c) => !c.problem), sources: checks }, null, 2);
}
