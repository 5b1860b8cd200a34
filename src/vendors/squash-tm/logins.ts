import { isMissingRoute } from "../../model/errors.js";
import { fitsInPath } from "../http/api-path.js";
import type { SquashClient } from "./client.js";
import { readAllPages } from "./pages.js";
import { embedded } from "./payloads.js";
import type { RawUser } from "./raw-types.js";

/**
 * Finding a user by login. `GET /users/login/{login}` (seed page "Get user") belongs to the Premium
 * "API REST administration" plugin, whose routes "extend driven-by-id methods … by allowing search
 * by User login" (seed page, opening lines; REFERENCE §2.1): an instance without the plugin answers
 * 404 for every login, the same 404 as for a login nobody holds. So a 404 means "nobody" only on an
 * instance known to serve the route: known from any 200 it gave, or, after a first 404, by asking
 * it the login of the first user its list names (two calls, once per source). On an instance
 * without the route, logins are found in the user list. Never "no such user" from a route that
 * is not there.
 */
export class LoginLookup {
  /** Whether the instance serves the route; undefined until it has answered a login it has. */
  private served: boolean | undefined;
  private learning: Promise<boolean | undefined> | undefined;

  constructor(
    private readonly client: SquashClient,
    private readonly sourceId: string,
    private readonly pageSize: number,
  ) {}

  /**
   * The account holding `login`, or null when none does. A login the route cannot carry (`.`,
   * `..`: a URL climbs them) is found in the list, as on an instance without the route.
   */
  async find(login: string): Promise<RawUser | null> {
    if (this.served !== false && fitsInPath(login)) {
      try {
        const user = await this.client.getUserByLogin(login);
        this.served = true;
        return user;
      } catch (error) {
        if (!isMissingRoute(error)) throw error;
      }
      if (this.served === true || (await this.learn()) !== false) return null;
    }
    const users = await readAllPages("users", this.pageSize, this.sourceId, (p, s) =>
      this.client.listUsers(p, s),
    );
    return users.find((u) => u.login === login) ?? null;
  }

  /** Asks the route for a login the instance has; undefined when it has no user to ask about. */
  private learn(): Promise<boolean | undefined> {
    this.learning ??= (async () => {
      const [first] = embedded(await this.client.listUserLogins(0, 1), "users", this.sourceId);
      if (!first) return undefined;
      try {
        await this.client.getUserByLogin(first.login);
        this.served = true;
      } catch (error) {
        if (!isMissingRoute(error)) throw error;
        // [I] Should that user have been deleted between the two calls, the instance is taken
        // for one without the route: logins are then found in the list, slower but right.
        this.served = false;
      }
      return this.served;
    })().finally(() => {
      this.learning = undefined;
    });
    return this.learning;
  }
}
