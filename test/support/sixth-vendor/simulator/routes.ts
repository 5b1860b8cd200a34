import { SimRouter } from "../../../../src/simulator/router.js";
import { SimHttpError } from "../../../../src/simulator/sim-server.js";
import { MAX_PAGE } from "../client.js";
import type { RawUser } from "../raw-types.js";
import { SIXTH_DEMO_KEY } from "./auth.js";
import { userPage } from "./representations.js";
import { count, takes } from "./request-rules.js";

export function routes(users: ReadonlyMap<number, RawUser>): SimRouter {
  const all = [...users.values()];
  return new SimRouter()
    .get(
      "/users",
      takes(["offset", "limit"], (r) => ({
        status: 200,
        body: userPage(all, count(r, "offset", 0), Math.min(count(r, "limit", 20), MAX_PAGE)),
      })),
    )
    .get(
      "/users/:id",
      takes([], (r) => {
        const user = users.get(Number(r.params.id));
        if (!user || !/^\d+$/.test(r.params.id ?? "")) throw new SimHttpError(404, "User not found");
        return { status: 200, body: user };
      }),
    )
    .get(
      "/me",
      // The demo key is the doc example's owner.
      takes([], (r) => ({
        status: 200,
        body: r.headers["x-api-key"] === SIXTH_DEMO_KEY ? users.get(1) : null,
      })),
    );
}
