/**
 * Which permission reads a simulated instance serves. Squash has changed how a project's holders
 * are read, and a real instance may serve any of these (REFERENCE §2.2; seed page "Get user
 * permissions"); which Squash versions and plugins serve which is not documented [I]:
 * - `clearances`: `GET /projects/{id}/clearances` (the newer model, [C2]) and
 *   `GET /users/{id}/permissions` (seed page). The default.
 * - `project-permissions`: only the older `GET /projects/{id}/permissions` ("Get project
 *   permissions", REST API 1.0.2 table of contents): no clearances, no per-user read.
 * - `user-permissions`: only the seed page's own `GET /users/{id}/permissions`.
 * The write routes (`POST`/`DELETE /users/{id}/permissions…`, seed page) are served by every kind.
 */
export type SquashPermissionModel = "clearances" | "project-permissions" | "user-permissions";

export interface PermissionReads {
  readonly clearances: boolean;
  readonly projectPermissions: boolean;
  readonly userPermissions: boolean;
}

export const PERMISSION_READS: Readonly<Record<SquashPermissionModel, PermissionReads>> = {
  clearances: { clearances: true, projectPermissions: false, userPermissions: true },
  "project-permissions": { clearances: false, projectPermissions: true, userPermissions: false },
  "user-permissions": { clearances: false, projectPermissions: false, userPermissions: true },
};

export const SQUASH_PERMISSION_MODELS = Object.keys(PERMISSION_READS) as SquashPermissionModel[];
