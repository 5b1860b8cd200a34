import { isMissingRoute, SourceError } from "../../model/errors.js";

/** An object a route was asked about and that does not exist any more, confirmed by reading it. */
export const GONE = Symbol("gone");
export type Gone = typeof GONE;

/** Several routes that read the same relation of one kind of object (a project's holders). */
export interface RouteFamily<R extends string, T> {
  /** In the order to prefer them. */
  readonly routes: readonly R[];
  /** The relation of one object through one route. Its 404 must not be marked `notFound: "object"`:
   *  whether a 404 means the route or the object is what this module finds out. */
  read(route: R, id: string): Promise<T>;
  /** Whether the object exists now: its by-id read, whose 404 does mean the object. */
  exists(id: string): Promise<boolean>;
}

/** A 404 (or a 405: the path is served for other methods only) from a route read. */
const notServed = (error: unknown) =>
  isMissingRoute(error) || (error instanceof SourceError && error.httpStatus === 405);

type Probe<R, T> = { kind: "served"; route: R; value: T } | { kind: "none" } | { kind: "gone" };

/**
 * Which route of a family this instance serves, learnt from its own answers the first time it is
 * needed and remembered for the source's life (a route is a property of the instance, not of a
 * request). Squash answers 404 both for a route it does not have and for an object it does not
 * have, and the body says which only in its wording [I], so the object decides:
 * - one object is asked through each route in turn; the first that answers is the instance's
 *   route, and each route that said 404 before it is missing — the object existed when the later
 *   route answered, so it existed when the earlier one was asked (ids are never reused);
 * - when every route says 404 (or 405), the object is read by id: there, no route is served;
 *   gone, the object was deleted meanwhile and nothing is learnt (another object is asked).
 * Learning happens once: the other reads of the batch, and other requests, wait for it and then
 * go straight to the route learnt, so an instance without the preferred route costs one call
 * more once, not one per object. A route that answered before and says 404 now is read the same
 * way: the object gone is GONE; the object there means the instance changed, which is an error
 * now (never "nothing held") and relearnt next time.
 */
export class RouteChoice<R extends string, T> {
  /** The route learnt; null when the instance serves none; undefined when not learnt yet. */
  private learnt: R | null | undefined;
  private learning: Promise<unknown> | undefined;

  constructor(private readonly family: RouteFamily<R, T>) {}

  /** What is known without asking: the route, null for none, undefined when not learnt. */
  get known(): R | null | undefined {
    return this.learnt;
  }

  /**
   * Each id's relation in id order (GONE for an object gone, an Error for a read that failed), or
   * null when the instance serves none of the routes.
   */
  async readEach(ids: readonly string[]): Promise<Array<T | Gone | Error> | null> {
    if (ids.length === 0) return [];
    const seen = new Map<string, T | Gone>();
    const route = await this.route(ids, seen);
    if (route === null) return null;
    return Promise.all(
      ids.map(async (id): Promise<T | Gone | Error> => {
        const early = seen.get(id);
        if (early !== undefined || route === undefined) return early ?? GONE;
        return this.readThrough(route, id).catch((error: unknown) => error as Error);
      }),
    );
  }

  private async route(ids: readonly string[], seen: Map<string, T | Gone>): Promise<R | null | undefined> {
    for (;;) {
      if (this.learnt !== undefined) return this.learnt;
      if (this.learning) {
        // Someone is learning: wait, then take what they learnt (or learn here, if they could not).
        await this.learning.catch(() => undefined);
        continue;
      }
      const learning = this.learn(ids, seen);
      this.learning = learning;
      try {
        const route = await learning;
        if (route !== undefined) this.learnt = route;
        return route;
      } finally {
        this.learning = undefined;
      }
    }
  }

  /** The route learnt on the first of `ids` that exists; undefined when every one is gone. */
  private async learn(ids: readonly string[], seen: Map<string, T | Gone>): Promise<R | null | undefined> {
    for (const id of ids) {
      const probe = await this.probe(id);
      if (probe.kind === "none") return null;
      if (probe.kind === "served") {
        seen.set(id, probe.value);
        return probe.route;
      }
      seen.set(id, GONE);
    }
    return undefined;
  }

  private async probe(id: string): Promise<Probe<R, T>> {
    let onlyMethods = true;
    for (const route of this.family.routes) {
      try {
        return { kind: "served", route, value: await this.family.read(route, id) };
      } catch (error) {
        if (!notServed(error)) throw error;
        onlyMethods &&= (error as SourceError).httpStatus === 405;
      }
    }
    // A 405 is about the route alone (Spring answers it before looking for any object).
    if (onlyMethods || (await this.family.exists(id))) return { kind: "none" };
    return { kind: "gone" };
  }

  private async readThrough(route: R, id: string): Promise<T | Gone> {
    try {
      return await this.family.read(route, id);
    } catch (error) {
      if (!notServed(error)) throw error;
      if (!(await this.family.exists(id))) return GONE;
      if (this.learnt === route) this.learnt = undefined;
      throw error;
    }
  }
}
