/**
 * The usage permissions a TestResults.io user group can grant. [I] No doc page lists them; the
 * "User Management" page's "Administrators" group (the customer's admin group) holds these
 * fourteen, taken here as the whole set, in that page's order.
 */
export const USAGE_PERMISSIONS = [
  "Login",
  "Read",
  "Write",
  "Execute",
  "Accept",
  "Reject",
  "UserSettings",
  "UserManagement",
  "Automation",
  "ClaimManagement",
  "CustomerManagement",
  "AccessSecrets",
  "Invoicing",
  "ExecutionTimes",
] as const;

const CANONICAL = new Map<string, string>(USAGE_PERMISSIONS.map((p) => [p.toLowerCase(), p]));

/** The vendor's spelling of a permission name given in any case, or null when it is not one. */
export function canonicalPermission(name: string): string | null {
  return CANONICAL.get(name.trim().toLowerCase()) ?? null;
}

/** The wire form: comma+space separated, as every doc page example writes `UsagePermission`. */
export function joinPermissions(names: readonly string[]): string {
  return names.join(", ");
}
