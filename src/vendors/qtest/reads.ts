import { ErrorCode, SourceError, UnsupportedError } from "../../model/errors.js";
import type { RequestScope } from "../connector.js";
import type { QTestClient } from "./client.js";
import { VENDOR } from "./config.js";
import { OptionalRoute } from "./optional-route.js";
import type {
  RawGroup,
  RawProfile,
  RawProfileList,
  RawProject,
  RawProjectUser,
  RawUserPage,
} from "./raw-types.js";

/**
 * The qTest reads that several batches of one request share, each sent at most once per request
 * (`scope.once`): the project list, each project's members, the profile list, the group list and,
 * for large id batches, the whole user list. One per connector, so it also keeps what the source
 * has shown about itself: whether it serves `GET /groups`, whether its member lists name profiles.
 */
export class SharedReads {
  /** `GET /api/v3/groups`, which an instance may not serve (README "Groups"). */
  private readonly groupsRoute: OptionalRoute;
  /** Whether a member list of this source has named a member's profile (README "Profiles"). */
  private memberProfilesSeen = false;

  constructor(
    private readonly client: QTestClient,
    sourceId: string,
  ) {
    this.groupsRoute = new OptionalRoute(
      () =>
        new UnsupportedError(
          sourceId,
          VENDOR,
          `Source "${sourceId}" (${VENDOR}) does not offer user groups: this instance answers GET /api/v3/groups with 404, so no group, group member or user's group list can be read from it`,
        ),
    );
  }

  /** Whether the profile list can serve anything: only where member lists name profiles. */
  get memberProfilesShown(): boolean {
    return this.memberProfilesSeen;
  }

  projects(scope: RequestScope): Promise<RawProject[]> {
    return scope.once("qtest:projects", () => this.client.listProjects());
  }

  members(scope: RequestScope, projectId: string): Promise<RawProjectUser[]> {
    return scope.once(`qtest:members:${projectId}`, async () => {
      const members = await this.client.getProjectUsers(projectId);
      if (!this.memberProfilesSeen && members.some((m) => m.profile)) this.memberProfilesSeen = true;
      return members;
    });
  }

  /** Every user group; UNSUPPORTED_BY_SOURCE on an instance without `GET /groups` (remembered). */
  groups(scope: RequestScope): Promise<RawGroup[]> {
    return scope.once("qtest:groups", () => this.groupsRoute.read(() => this.client.listGroups()));
  }

  allUsers(scope: RequestScope): Promise<RawUserPage> {
    return scope.once("qtest:all-users", () => this.client.allUsers());
  }

  /** The profile list as a directory; a write needs it, so a refusal (403) is an error here. */
  profileDirectory(scope: RequestScope): Promise<ProfileDirectory> {
    return scope.once(
      "qtest:profile-list",
      async () => new ProfileDirectory(await this.client.listProfiles()),
    );
  }

  /**
   * The profile list, keyed by id and by name; null when the account may not read it (it needs
   * "View User Profiles", v3 swagger), so profile flags are then unknown rather than fatal.
   */
  profiles(scope: RequestScope): Promise<ProfileDirectory | null> {
    return scope.once("qtest:profiles", async () => {
      try {
        return await this.profileDirectory(scope);
      } catch (error) {
        if (error instanceof SourceError && error.code === ErrorCode.SOURCE_FORBIDDEN) return null;
        throw error;
      }
    });
  }
}

export class ProfileDirectory {
  private readonly byId = new Map<number, RawProfile>();
  private readonly byName = new Map<string, RawProfile>();

  constructor(list: RawProfileList) {
    for (const profile of list.user_profiles ?? []) {
      this.byId.set(profile.id, profile);
      this.byName.set(profile.name, profile);
    }
  }

  /** Names of the profiles held per project (what an assignment takes), in the vendor's order. */
  userProfileNames(): string[] {
    return [...this.byName.keys()];
  }

  /** A user profile by its exact name. */
  named(name: string): RawProfile | undefined {
    return this.byName.get(name);
  }

  /** The user profile as the profile list describes it (with its flags). */
  describe(profile: Pick<RawProfile, "name"> & Partial<RawProfile>): RawProfile | undefined {
    return (
      (profile.id !== undefined ? this.byId.get(profile.id) : undefined) ?? this.byName.get(profile.name)
    );
  }
}
