import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  GraphQLIncludeDirective,
  type GraphQLNamedType,
  GraphQLObjectType,
  type GraphQLSchema,
  GraphQLSkipDirective,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  isAbstractType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import type { RollcallConfig } from "../../config/config-schema.js";
import { FINDING_KINDS } from "../../history/findings/finding.js";
import { MAX_EMAIL_MATCHES } from "../../loaders/accounts-by-email.js";
import type { NameFilter, UserFilter } from "../../model/filters.js";
import { ACCOUNT_KEY_PREFIX } from "../../people/join.js";
import { normalizeEmail } from "../../people/person.js";
import { desiredStateReads } from "../../plans/access-as-code/desired-state-reads.js";
import { MAX_PLAN_STEPS } from "../../plans/store-plan.js";
import { fromGlobalId, personGlobalId, personKeyFromId } from "../../schema/common/global-id.js";
import { RELATION_PAGE_SIZE } from "../../schema/common/list.args.js";
import type { Calls, CostedRelation, ListedEntity, SourceCosts, SourceSize } from "../../vendors/costs.js";
import { vendorFor } from "../../vendors/registry.js";
import { type AppliedPlans, applyReads, NO_PLANS } from "./plan-estimate.js";

/** What an operation is estimated to cost before it runs. */
export interface Estimate {
  /** Upstream calls, all sources together (logins and retries not counted). */
  readonly upstreamCalls: number;
  /** Objects in the answer (every object value: records, connections, edges, payloads). */
  readonly objects: number;
  /** Upstream calls per source id. */
  readonly bySource: Readonly<Record<string, number>>;
}

/** A list argument or input list longer than `server.limits.maxListItems`. */
export class ListTooLong {
  constructor(
    /** Where: `nodes(ids:)`, `setUserActive(input.users:)`. */
    readonly argument: string,
    readonly items: number,
    readonly max: number,
  ) {}
}

export interface CostedSource {
  readonly id: string;
  readonly costs: SourceCosts;
}

export interface EstimatorOptions {
  readonly sources: readonly CostedSource[];
  /** The largest `first` (server.maxPageSize): a larger one is refused by its resolver, unread. */
  readonly maxPageSize: number;
  /** Positions `totalCount` may read per source (server.countScanLimit). */
  readonly countScanLimit: number;
  readonly maxListItems: number;
  readonly sourceSize: SourceSize;
  /** How many onboarding templates config holds (`Query.templates`); none when omitted. */
  readonly templates?: number;
}

/** How many objects of one type the answer holds at one place, and how many each source may give. */
interface Multitude {
  readonly total: number;
  readonly bySource: ReadonlyMap<string, number>;
}

/** The items a connection pages, and what its `totalCount` costs when selected. */
interface Paged {
  readonly items: Multitude;
  readonly count?: (tally: Tally) => void;
}

const ROOT: Multitude = { total: 1, bySource: new Map() };

/** Schema types that are records of one source: the list each is read from, and whose size
 *  (`sourceSize`) bounds their distinct keys. */
const ENTITY: Readonly<Record<string, ListedEntity | undefined>> = {
  User: "users",
  Team: "teams",
  Group: "groups",
  Project: "projects",
};

/** `first` as a connection resolves it: its default when absent or null, within [0, maxPageSize]. */
const pageOf = (args: Record<string, unknown>, maxPageSize: number) =>
  Math.max(0, Math.min(typeof args.first === "number" ? args.first : RELATION_PAGE_SIZE, maxPageSize));

interface RelationRule {
  readonly name: CostedRelation;
  /** Related objects per parent. */
  readonly length: (args: Record<string, unknown>, size: SourceSize, maxPageSize: number) => number;
  /** Whether a source has the relation at all (else it answers an empty one, without a call). */
  readonly has?: (costs: SourceCosts) => boolean;
}

const paged = (args: Record<string, unknown>, _size: SourceSize, maxPageSize: number) =>
  pageOf(args, maxPageSize);
const single = () => 1;

/** The schema's relation fields: what each costs (CostedRelation) and how many objects it gives. */
const RELATIONS: Readonly<Record<string, RelationRule>> = {
  "User.teams": { name: "User.teams", length: paged, has: (c) => !!c.list.teams },
  "User.groups": { name: "User.groups", length: paged, has: (c) => !!c.list.groups },
  "User.projects": { name: "User.projects", length: paged, has: (c) => !!c.list.projects },
  // Unpaged lists: a role per project and one instance-wide at most; a role per user at most.
  "User.permissions": { name: "User.permissions", length: (_a, size) => size.projects + 1 },
  "Team.members": { name: "Team.members", length: paged },
  "Group.members": { name: "Group.members", length: paged },
  "Project.members": { name: "Project.members", length: paged },
  "Project.permissions": { name: "Project.permissions", length: (_a, size) => size.users },
  "Permission.user": { name: "Permission.user", length: single },
  "Permission.project": { name: "Permission.project", length: single, has: (c) => !!c.list.projects },
  "Permission.via": { name: "Permission.via", length: single },
};

/**
 * A Person's fields that are lists of objects. The estimate places a multitude of persons with
 * `bySource` holding the accounts they may have in each source (see `accountsOf`).
 */
const PERSON_FIELDS = ["Person.accounts", "Person.linkedAccounts", "Person.access", "Person.activeIn"];

/** Fields whose lists the estimate sizes itself; any other list in a query would count as one item. */
export const SIZED_LISTS: ReadonlySet<string> = new Set([
  ...Object.keys(RELATIONS),
  "Query.users",
  "Query.teams",
  "Query.groups",
  "Query.projects",
  "Query.usersByEmail",
  "Query.nodes",
  "Query.sources",
  ...PERSON_FIELDS,
  "Plan.steps",
  // A federated subgraph's entity lookups (server.federation): one entity per representation.
  "Query._entities",
  "Query.templates",
  "Snapshot.sources",
  // The access matrix: a column, a cell and about an account per source of its snapshot.
  "AccessMatrix.sources",
  "AccessMatrixPerson.cells",
  "AccessMatrixPerson.accounts",
  "Query.findingCounts",
  "Roster.entries",
]);

/** One estimate's running sums. */
class Tally {
  objects = 0;
  readonly calls = new Map<string, number>();
  /** Per source and shared read: the calls asked for so far, and the most there can be. */
  readonly shared = new Map<string, Map<string, { calls: number; of: number }>>();

  constructor(
    readonly variables: Record<string, unknown>,
    readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    /** The length assumed of a list nothing else bounds (a mutation's results: its targets). */
    public listLength: number,
    /** The plans the operation applies, as stored (plan-estimate.ts). */
    readonly plans: AppliedPlans = NO_PLANS,
  ) {}

  count(objects: number): void {
    this.objects = times(1, this.objects + objects);
  }

  charge(sourceId: string, cost: Calls): void {
    if (cost.calls) this.calls.set(sourceId, (this.calls.get(sourceId) ?? 0) + cost.calls);
    if (!cost.shared) return;
    const shared = this.shared.get(sourceId) ?? new Map<string, { calls: number; of: number }>();
    this.shared.set(sourceId, shared);
    for (const [name, read] of Object.entries(cost.shared)) {
      const { calls, of } = typeof read === "number" ? { calls: read, of: read } : read;
      const sum = shared.get(name) ?? { calls: 0, of: 0 };
      shared.set(name, { calls: sum.calls + calls, of: Math.max(sum.of, of) });
    }
  }

  result(): Estimate {
    const bySource: Record<string, number> = {};
    for (const id of new Set([...this.calls.keys(), ...this.shared.keys()])) {
      let calls = this.calls.get(id) ?? 0;
      for (const shared of this.shared.get(id)?.values() ?? []) calls += Math.min(shared.calls, shared.of);
      bySource[id] = calls;
    }
    const upstreamCalls = Object.values(bySource).reduce((n, c) => n + c, 0);
    return { upstreamCalls, objects: this.objects, bySource };
  }
}

/** Nesting multiplies fast: counts stop at a number still exact and printable (2^53 - 1). */
const times = (a: number, b: number) => Math.min(a * b, Number.MAX_SAFE_INTEGER);

const scale = (m: Multitude, factor: number): Multitude => ({
  total: times(m.total, factor),
  bySource: new Map([...m.bySource].map(([id, n]) => [id, times(n, factor)])),
});

/**
 * Rollcall's estimate of what an operation will cost: upstream calls, from what each source's
 * vendor declares its reads cost (vendors/<kind>/costs.ts), and objects in the answer, from the
 * page sizes asked for. It walks exactly the operation that will execute — the one Apollo resolved,
 * its fragments, its variables' values and defaults, `@skip`/`@include` — and counts every place a
 * field is asked for, as the executor will: aliases and nesting multiply. Lists are counted full
 * (a page of `first` holds `first` items), keys of one type never more than a source holds
 * (`sourceSize`). It knows the schema's fields, never a vendor.
 */
export class OperationEstimator {
  private readonly byId: ReadonlyMap<string, CostedSource>;
  /** Estimates of operations without variables: they depend on the document alone. */
  private readonly cached = new WeakMap<OperationDefinitionNode, Estimate | ListTooLong>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly options: EstimatorOptions,
  ) {
    this.byId = new Map(options.sources.map((s) => [s.id, s]));
  }

  /** `variables` are the coerced values (defaults applied) the executor will run with; `plans` the
   *  plans its `applyPlan` fields apply, read from the store (plan-estimate.ts). */
  estimate(
    operation: OperationDefinitionNode,
    fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    variables: Record<string, unknown>,
    plans: AppliedPlans = NO_PLANS,
  ): Estimate | ListTooLong {
    // A plan's steps change as it is applied: an estimate that read one is not kept.
    const cacheable = !operation.variableDefinitions?.length && plans.size === 0;
    const known = cacheable ? this.cached.get(operation) : undefined;
    if (known) return known;
    let outcome: Estimate | ListTooLong;
    try {
      const root = this.schema.getRootType(operation.operation);
      if (!root) return { upstreamCalls: 0, objects: 0, bySource: {} };
      const tally = new Tally(variables, fragments, 1, plans);
      if (operation.operation === "mutation") this.mutation(root, operation.selectionSet, tally);
      else this.selection(root, [operation.selectionSet], ROOT, tally);
      outcome = tally.result();
    } catch (error) {
      if (!(error instanceof ListTooLong)) throw error;
      outcome = error;
    }
    if (cacheable) this.cached.set(operation, outcome);
    return outcome;
  }

  private get allSources(): readonly CostedSource[] {
    return this.options.sources;
  }

  private size(): SourceSize {
    return this.options.sourceSize;
  }

  /** A mutation's root fields: each answers one result per target, each target maybe any source. */
  private mutation(root: GraphQLObjectType, set: SelectionSetNode, tally: Tally): void {
    const everywhere: Multitude = { total: 1, bySource: new Map(this.allSources.map((s) => [s.id, 1])) };
    for (const nodes of this.collect(root, [set], tally).values()) {
      const field = root.getFields()[(nodes[0] as FieldNode).name.value];
      if (!field) continue;
      const args = this.args(field, nodes[0] as FieldNode, tally);
      tally.listLength = Math.max(this.allSources.length, listItems(args));
      this.planReads(field.name, plain(args.input), tally);
      this.objects(getNamedType(field.type), nodes, everywhere, tally);
    }
    tally.listLength = 1;
  }

  private selection(
    type: GraphQLObjectType,
    sets: readonly SelectionSetNode[],
    here: Multitude,
    tally: Tally,
  ): void {
    for (const nodes of this.collect(type, sets, tally).values()) {
      const node = nodes[0] as FieldNode;
      if (node.name.value.startsWith("__")) continue;
      const field = type.getFields()[node.name.value];
      if (field) this.field(type, field, nodes, here, tally);
    }
  }

  private field(
    parent: GraphQLObjectType,
    field: GraphQLField<unknown, unknown>,
    nodes: readonly FieldNode[],
    here: Multitude,
    tally: Tally,
  ): void {
    const args = this.args(field, nodes[0] as FieldNode, tally);
    const named = getNamedType(field.type);
    const key = `${parent.name}.${field.name}`;
    if (key === "Person.highestLevel") {
      this.personAccess(named, nodes, here, tally);
      return;
    }
    if (isLeafType(named)) return;
    const relation = RELATIONS[key];
    if (relation) {
      const length = relation.length(args, this.size(), this.options.maxPageSize);
      this.relation(relation.name, named, nodes, here, length, tally, relation.has);
      return;
    }
    switch (key) {
      case "Query.users":
      case "Query.teams":
      case "Query.groups":
      case "Query.projects":
        this.connection(named, nodes, here, this.topList(field.name, args, tally), tally);
        return;
      case "Plan.steps":
        // A stored plan holds at most MAX_PLAN_STEPS (planning refuses more).
        this.objects(named, nodes, scale(here, MAX_PLAN_STEPS), tally);
        return;
      case "Query.usersByEmail":
        this.objects(named, nodes, this.emailLookup(args, tally), tally);
        return;
      case "Query.people":
        this.connection(named, nodes, here, this.peopleList(args, tally), tally);
        return;
      case "Query.findingCounts":
        // One count per finding kind, from the store.
        this.objects(named, nodes, scale(here, FINDING_KINDS.length), tally);
        return;
      case "Roster.entries":
        // The staff roster, from the store: assumed as many people as a source holds accounts.
        this.objects(named, nodes, scale(here, this.size().users), tally);
        return;
      case "Snapshot.sources":
      case "AccessMatrix.sources":
      case "AccessMatrixPerson.cells":
      case "AccessMatrixPerson.accounts":
        // One per source asked for, which were configured sources (a few more if config lost some).
        this.objects(named, nodes, scale(here, Math.max(1, this.options.sources.length)), tally);
        return;
      case "Query.snapshots":
      case "Query.auditEvents":
      // Access review reads snapshots from the store. accessChanges without `to` starts a snapshot,
      // a job outside the operation (as takeSnapshot is), whose reads are not the operation's.
      case "Query.accessChanges":
      case "Query.findings":
      case "Query.accessMatrix":
        // Read from Rollcall's store, not a vendor: a page of `first` items, no upstream call.
        this.connection(
          named,
          nodes,
          here,
          { items: { total: this.first(args), bySource: new Map() } },
          tally,
        );
        return;
      case "Query.templates":
        // Read from config: one object per template, no upstream call.
        this.objects(named, nodes, { total: this.options.templates ?? 0, bySource: new Map() }, tally);
        return;
      case "Query.person": {
        const key = typeof args.email === "string" ? args.email : personKeyFromId(String(args.id ?? ""));
        if (key !== null) this.objects(named, nodes, this.personLookup(key, tally), tally);
        return;
      }
      case "LinkAccountsPayload.person":
        this.objects(named, nodes, this.personLookup("", tally), tally);
        return;
      case "Person.accounts":
      case "Person.linkedAccounts":
        // Read with the person (its lookup or the lists): no call of their own.
        this.objects(named, nodes, accountsOf(here), tally);
        return;
      case "Person.access":
        this.personAccess(named, nodes, here, tally);
        return;
      case "Person.activeIn":
        this.objects(
          named,
          nodes,
          { total: times(here.total, here.bySource.size), bySource: here.bySource },
          tally,
        );
        return;
      case "Query._entities":
        this.entities(args.representations, nodes, tally);
        return;
      case "Query.node":
      case "Query.nodes":
        this.byIds(field.name === "node" ? [args.id] : (args.ids as unknown[]), nodes, tally);
        return;
      case "Query.sources":
      case "Query.source": {
        const ids = field.name === "source" ? [args.id] : (args.ids as unknown[] | null);
        const chosen = this.allSources.filter((s) => !ids || ids.includes(s.id));
        this.objects(named, nodes, { total: chosen.length, bySource: ones(chosen) }, tally);
        return;
      }
      case "Source.status":
        for (const id of here.bySource.keys())
          tally.charge(id, { shared: { status: this.byId.get(id)?.costs.status.calls ?? 0 } });
        this.objects(named, nodes, here, tally);
        return;
    }
    // Any other object field: one object per parent, or a list the tally bounds (a mutation's results).
    if (isConnectionType(named)) this.connection(named, nodes, here, { items: here }, tally);
    else
      this.objects(
        named,
        nodes,
        scale(here, isListType(getNullableType(field.type)) ? tally.listLength : 1),
        tally,
      );
  }

  /** A top-level list's `first` (its schema default applied), within [0, maxPageSize]. */
  private first(args: Record<string, unknown>): number {
    return pageOf(args, this.options.maxPageSize);
  }

  private chosen(ids: unknown): readonly CostedSource[] {
    return Array.isArray(ids) ? this.allSources.filter((s) => ids.includes(s.id)) : this.allSources;
  }

  /** A top-level list: each chosen source is asked for a page of `first`, concurrently. */
  private topList(name: string, args: Record<string, unknown>, tally: Tally): Paged {
    const entity = name as ListedEntity;
    const positions = this.first(args);
    const filter = plain(args.filter) as UserFilter & NameFilter;
    const resumes = args.after ? 1 : 0; // a window that starts mid-page may need one page more
    const bySource = new Map<string, number>();
    const listers: Array<[string, (positions: number) => Calls]> = [];
    for (const source of this.chosen(args.sources)) {
      const list = source.costs.list[entity] as
        | ((positions: number, filter: UserFilter & NameFilter, size: SourceSize) => Calls)
        | undefined;
      if (!list) continue;
      const lister = (n: number) => list(n, filter, this.size());
      listers.push([source.id, lister]);
      tally.charge(source.id, lister(positions));
      if (resumes) tally.charge(source.id, { calls: resumes });
      bySource.set(source.id, positions);
    }
    return {
      items: { total: positions, bySource },
      // A source's own total, or its list read up to countScanLimit positions (list-across-sources.ts).
      count: (t) => {
        for (const [id, lister] of listers) {
          t.charge(id, lister(1));
          if (this.options.countScanLimit > 0) t.charge(id, lister(this.options.countScanLimit));
        }
      },
    };
  }

  private emailLookup(args: Record<string, unknown>, tally: Tally): Multitude {
    const filter: UserFilter = { email: String(args.email), includeArchived: true };
    const bySource = new Map<string, number>();
    for (const source of this.chosen(args.sources)) {
      tally.charge(source.id, source.costs.list.users(MAX_EMAIL_MATCHES, filter, this.size()));
      bySource.set(source.id, MAX_EMAIL_MATCHES);
    }
    return { total: MAX_EMAIL_MATCHES * bySource.size, bySource };
  }

  /**
   * `people`: every chosen source's whole user list (the join needs every account), what its
   * filter reads (every account's permissions for a level, one project's for a project), and a
   * page of `first` persons. The estimate takes a person to hold one account per source, as email
   * matching makes them (a vendor keeps an email to one account); links are the exceptions.
   */
  private peopleList(args: Record<string, unknown>, tally: Tally): Paged {
    const positions = this.first(args);
    const filter = plain(args.filter);
    const size = this.size();
    const bySource = new Map<string, number>();
    for (const source of this.allSources) {
      tally.charge(source.id, source.costs.list.users(size.users, { includeArchived: true }, size));
      if (filter.highestLevel !== undefined)
        tally.charge(source.id, source.costs.relations["User.permissions"](size.users, size));
      bySource.set(source.id, Math.min(positions, size.users));
    }
    const project =
      typeof filter.hasAccessToProject === "string" ? fromGlobalId(filter.hasAccessToProject) : null;
    const projectCosts = project && this.byId.get(project.sourceId)?.costs;
    if (project && projectCosts)
      tally.charge(project.sourceId, projectCosts.relations["Project.permissions"](1, size));
    // totalCount is counted from the lists already read: no call of its own.
    return { items: { total: positions, bySource } };
  }

  /**
   * One person by key (an email, or `account:<User global id>`): an email lookup in every source
   * plus, per source, a read by id of an account linked from elsewhere; or that one account.
   */
  private personLookup(key: string, tally: Tally): Multitude {
    const size = this.size();
    if (key.startsWith(ACCOUNT_KEY_PREFIX)) {
      const gid = fromGlobalId(key.slice(ACCOUNT_KEY_PREFIX.length));
      const costs = gid && this.byId.get(gid.sourceId)?.costs;
      if (!gid || !costs) return { total: 0, bySource: new Map() };
      tally.charge(gid.sourceId, costs.byIds.users(1, size));
      return { total: 1, bySource: new Map([[gid.sourceId, 1]]) };
    }
    const filter: UserFilter = { email: key, includeArchived: true };
    const bySource = new Map<string, number>();
    for (const source of this.allSources) {
      tally.charge(source.id, source.costs.list.users(MAX_EMAIL_MATCHES, filter, size));
      tally.charge(source.id, source.costs.byIds.users(1, size));
      bySource.set(source.id, MAX_EMAIL_MATCHES + 1);
    }
    return { total: 1, bySource };
  }

  /**
   * What a plan field reads before it writes anything: planning finds the person (as `person`),
   * reads their accounts' access where the plan needs it and, for an onboarding, the chosen
   * sources' lists (and roles: one call); applying reads each remaining step's target afresh.
   */
  private planReads(field: string, input: Record<string, unknown>, tally: Tally): void {
    const size = this.size();
    const chosen = this.chosen(input.sources);
    /** The accounts' relations, read in one batch per source: `people` persons' worth of them. */
    const access = (relations: readonly CostedRelation[], people = 1) => {
      const accounts = Math.min(people * (MAX_EMAIL_MATCHES + 1), size.users);
      for (const source of chosen)
        for (const name of relations)
          if (RELATIONS[name]?.has?.(source.costs) ?? true)
            tally.charge(source.id, source.costs.relations[name](accounts, size));
    };
    const reading: readonly CostedRelation[] = [
      "User.permissions",
      "User.groups",
      "User.teams",
      "Permission.project",
    ];
    switch (field) {
      case "planOffboarding": {
        const person = String(input.person ?? "");
        this.personLookup(personKeyFromId(person.trim()) ?? person.trim().toLowerCase(), tally);
        if (input.mode === "REMOVE_ACCESS") access(reading);
        return;
      }
      case "planOnboarding": {
        this.personLookup(
          String(input.email ?? "")
            .trim()
            .toLowerCase(),
          tally,
        );
        access(reading);
        for (const { id, costs } of chosen) {
          const { projects, groups, teams } = costs.list;
          if (projects) {
            tally.charge(id, projects(size.projects, {}, size));
            tally.charge(id, { shared: { "project roles": 1 } });
          }
          if (groups) tally.charge(id, groups(size.groups, {}, size));
          if (teams) tally.charge(id, teams(size.teams, {}, size));
        }
        return;
      }
      case "planAccess": {
        const reads = desiredStateReads(
          String(input.desiredState ?? ""),
          chosen.map((s) => s.id),
        );
        if (!reads) return; // a file that does not parse is refused before anything is read
        for (const key of reads.people) this.personLookup(key, tally);
        if (reads.people.length > 0) access(reading, reads.people.length);
        for (const { id, costs } of chosen) {
          const lists = reads.lists.get(id);
          const { projects, groups, teams } = costs.list;
          if (lists?.projects && projects) {
            tally.charge(id, projects(size.projects, {}, size));
            tally.charge(id, { shared: { "project roles": 1 } });
          }
          if (lists?.groups && groups) tally.charge(id, groups(size.groups, {}, size));
          if (lists?.teams && teams) tally.charge(id, teams(size.teams, {}, size));
          const exclusive = reads.exclusive.get(id);
          if (!exclusive) continue;
          // Each exclusive target's holders, and the accounts behind a project's permissions.
          if (exclusive.projects > 0) {
            tally.charge(id, costs.relations["Project.permissions"](exclusive.projects, size));
            tally.charge(id, costs.byIds.users(size.users, size));
          }
          if (exclusive.groups > 0)
            tally.charge(id, costs.relations["Group.members"](exclusive.groups, size));
          if (exclusive.teams > 0) tally.charge(id, costs.relations["Team.members"](exclusive.teams, size));
        }
        return;
      }
      case "applyPlan": {
        const plan = typeof input.plan === "string" ? tally.plans.get(input.plan) : undefined;
        if (!plan) return;
        const reads = applyReads(plan, (id) => this.byId.get(id)?.costs, size);
        for (const [id, calls] of reads) tally.charge(id, { calls });
        return;
      }
    }
  }

  /** `Person.access` and `highestLevel`: every permission of the persons' accounts. */
  private personAccess(
    type: GraphQLNamedType,
    nodes: readonly FieldNode[],
    here: Multitude,
    tally: Tally,
  ): void {
    this.relation("User.permissions", type, nodes, accountsOf(here), this.size().projects + 1, tally);
  }

  /** `node`/`nodes`: the ids name their sources and types; each source reads its ids in one batch. */
  private byIds(ids: readonly unknown[], nodes: readonly FieldNode[], tally: Tally): void {
    const groups = new Map<string, Map<string, number>>(); // type -> source -> ids
    const persons: Multitude[] = [];
    for (const id of ids) {
      const personKey = typeof id === "string" ? personKeyFromId(id) : null;
      if (personKey !== null) persons.push(this.personLookup(personKey, tally));
      const gid = typeof id === "string" ? fromGlobalId(id) : null;
      if (!gid || !this.byId.has(gid.sourceId)) continue;
      const bySource = groups.get(gid.type) ?? new Map<string, number>();
      groups.set(gid.type, bySource);
      bySource.set(gid.sourceId, (bySource.get(gid.sourceId) ?? 0) + 1);
    }
    for (const [typeName, bySource] of groups) {
      const type = this.schema.getType(typeName);
      if (!isObjectType(type)) continue;
      for (const [sourceId, keys] of bySource) {
        const costs = (this.byId.get(sourceId) as CostedSource).costs;
        const entity = ENTITY[typeName];
        const read = typeName === "Permission" ? costs.byIds.permissions : entity && costs.byIds[entity];
        if (read) tally.charge(sourceId, read(keys, this.size()));
      }
      const total = [...bySource.values()].reduce((n, k) => n + k, 0);
      tally.count(total);
      this.selection(type, subselections(nodes), { total, bySource }, tally);
    }
    const person = this.schema.getType("Person");
    if (persons.length > 0 && isObjectType(person)) {
      const all: Multitude = {
        total: persons.reduce((n, p) => n + p.total, 0),
        bySource: sumBySource(persons),
      };
      tally.count(all.total);
      this.selection(person, subselections(nodes), all, tally);
    }
  }

  /**
   * `_entities` (a federated subgraph's lookups): each representation is the object its key names,
   * read as `node(id:)` reads it (a person by email as `person(email:)`), a source from the config.
   */
  private entities(representations: unknown, nodes: readonly FieldNode[], tally: Tally): void {
    const ids: unknown[] = [];
    const sources = new Map<string, number>();
    for (const representation of Array.isArray(representations) ? representations : []) {
      if (!representation || typeof representation !== "object") continue;
      const { __typename: type, id, email } = representation as Record<string, unknown>;
      if (type === "Source") {
        if (typeof id === "string" && this.byId.has(id)) sources.set(id, (sources.get(id) ?? 0) + 1);
      } else if (type === "Person" && typeof id !== "string" && typeof email === "string")
        ids.push(personGlobalId(normalizeEmail(email)));
      else ids.push(id);
    }
    this.byIds(ids, nodes, tally);
    const source = this.schema.getType("Source");
    if (sources.size > 0 && isObjectType(source)) {
      const total = [...sources.values()].reduce((n, k) => n + k, 0);
      tally.count(total);
      this.selection(source, subselections(nodes), { total, bySource: sources }, tally);
    }
  }

  /**
   * A relation of the records at `here`: each source that has it reads it for its records (keys
   * bounded by what a source holds), and each record gets up to `length` related objects.
   */
  private relation(
    relation: CostedRelation,
    type: GraphQLNamedType,
    nodes: readonly FieldNode[],
    here: Multitude,
    length: number,
    tally: Tally,
    has: (costs: SourceCosts) => boolean = () => true,
  ): void {
    const bound = ENTITY[relation.slice(0, relation.indexOf("."))];
    const bySource = new Map<string, number>();
    for (const [id, parents] of here.bySource) {
      const costs = this.byId.get(id)?.costs;
      if (!costs || !has(costs) || parents === 0) continue;
      const keys = bound ? Math.min(parents, this.size()[bound]) : parents;
      tally.charge(id, costs.relations[relation](keys, this.size()));
      bySource.set(id, times(parents, length));
    }
    const items: Multitude = { total: bySource.size > 0 ? times(here.total, length) : 0, bySource };
    if (isConnectionType(type)) this.connection(type, nodes, here, { items }, tally);
    else this.objects(type, nodes, items, tally);
  }

  /** One connection per parent; its edges and nodes are the paged items. */
  private connection(
    type: GraphQLNamedType,
    nodes: readonly FieldNode[],
    parents: Multitude,
    paged: Paged,
    tally: Tally,
  ): void {
    if (!isObjectType(type)) return;
    tally.count(parents.total);
    for (const fieldNodes of this.collect(type, subselections(nodes), tally).values()) {
      const name = (fieldNodes[0] as FieldNode).name.value;
      const field = type.getFields()[name];
      if (!field) continue;
      const named = getNamedType(field.type);
      if (name === "totalCount") paged.count?.(tally);
      else if (name === "nodes") this.objects(named, fieldNodes, paged.items, tally);
      else if (name === "edges" && isObjectType(named)) {
        tally.count(paged.items.total);
        for (const edgeNodes of this.collect(named, subselections(fieldNodes), tally).values()) {
          const edgeField = named.getFields()[(edgeNodes[0] as FieldNode).name.value];
          if (edgeField && edgeField.name === "node")
            this.objects(getNamedType(edgeField.type), edgeNodes, paged.items, tally);
        }
      } else if (!isLeafType(named)) this.objects(named, fieldNodes, parents, tally);
    }
  }

  /** Objects of `type` at `here`, and whatever their selection asks for. */
  private objects(type: GraphQLNamedType, nodes: readonly FieldNode[], here: Multitude, tally: Tally): void {
    if (isLeafType(type) || here.total === 0) return;
    tally.count(here.total);
    const sets = subselections(nodes);
    if (isObjectType(type)) this.selection(type, sets, here, tally);
    // An interface or union: each possible type's fields, as any of them may come back.
    else if (isAbstractType(type))
      for (const possible of this.schema.getPossibleTypes(type)) this.selection(possible, sets, here, tally);
  }

  /** A field's arguments as the executor will see them, each list checked against maxListItems. */
  private args(
    field: GraphQLField<unknown, unknown>,
    node: FieldNode,
    tally: Tally,
  ): Record<string, unknown> {
    const args = getArgumentValues(field, node, tally.variables);
    for (const [name, value] of Object.entries(args))
      checkLists(value, `${field.name}(${name}:)`, this.options.maxListItems);
    return args;
  }

  /** The fields of a selection for objects of `type`, by response key, as graphql-js collects them. */
  private collect(
    type: GraphQLObjectType,
    sets: readonly SelectionSetNode[],
    tally: Tally,
    out = new Map<string, FieldNode[]>(),
    seen = new Set<string>(),
  ): Map<string, FieldNode[]> {
    for (const set of sets)
      for (const selection of set.selections) {
        if (!included(selection, tally.variables)) continue;
        if (selection.kind === Kind.FIELD) {
          const key = selection.alias?.value ?? selection.name.value;
          const list = out.get(key);
          if (list) list.push(selection);
          else out.set(key, [selection]);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          if (this.applies(selection.typeCondition?.name.value, type))
            this.collect(type, [selection.selectionSet], tally, out, seen);
        } else {
          const name = selection.name.value;
          const fragment = tally.fragments.get(name);
          if (seen.has(name) || !fragment || !this.applies(fragment.typeCondition.name.value, type)) continue;
          seen.add(name);
          this.collect(type, [fragment.selectionSet], tally, out, seen);
        }
      }
    return out;
  }

  private applies(condition: string | undefined, type: GraphQLObjectType): boolean {
    if (!condition || condition === type.name) return true;
    const conditionType = this.schema.getType(condition);
    return !!conditionType && isAbstractType(conditionType) && this.schema.isSubType(conditionType, type);
  }
}

/** The accounts of the persons at `here`: their `bySource` holds the accounts per source. */
const accountsOf = (persons: Multitude): Multitude => ({
  total: [...persons.bySource.values()].reduce((n, k) => times(1, n + k), 0),
  bySource: persons.bySource,
});

function sumBySource(multitudes: readonly Multitude[]): Map<string, number> {
  const sum = new Map<string, number>();
  for (const m of multitudes) for (const [id, n] of m.bySource) sum.set(id, times(1, (sum.get(id) ?? 0) + n));
  return sum;
}

const ones = (sources: readonly CostedSource[]) => new Map(sources.map((s) => [s.id, 1]));

function subselections(nodes: readonly FieldNode[]): SelectionSetNode[] {
  const sets: SelectionSetNode[] = [];
  for (const node of nodes) if (node.selectionSet) sets.push(node.selectionSet);
  return sets;
}

function included(
  node: { directives?: readonly { name: { value: string } }[] },
  variables: Record<string, unknown>,
): boolean {
  if (!node.directives?.length) return true;
  const skip = getDirectiveValues(GraphQLSkipDirective, node as FieldNode, variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node as FieldNode, variables);
  return include?.if !== false;
}

/** Rollcall's connections: `edges`, `nodes` and `pageInfo` (schema/common/connection.ts). */
function isConnectionType(type: GraphQLNamedType | GraphQLCompositeType): type is GraphQLObjectType {
  if (!(type instanceof GraphQLObjectType)) return false;
  const fields = type.getFields();
  return "edges" in fields && "nodes" in fields && "pageInfo" in fields;
}

/** An input object without its nulls (GraphQL's "not given"). */
function plain(value: unknown): Record<string, unknown> {
  if (!value || typeof value !== "object") return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined));
}

function checkLists(value: unknown, where: string, max: number): void {
  if (Array.isArray(value)) {
    if (value.length > max) throw new ListTooLong(where, value.length, max);
    for (const item of value) checkLists(item, where, max);
  } else if (value && typeof value === "object")
    for (const [key, inner] of Object.entries(value))
      checkLists(inner, where.replace(/:\)$/, `.${key}:)`), max);
}

/** All items of all lists in a mutation's arguments: its targets, at most. */
function listItems(value: unknown): number {
  if (Array.isArray(value))
    return Math.max(
      value.length,
      value.reduce<number>((n, v) => n + listItems(v), 0),
    );
  if (value && typeof value === "object")
    return Object.values(value).reduce<number>((n, v) => n + listItems(v), 0);
  return 0;
}

/**
 * The estimator a server runs with: each source's costs from its vendor's module (the registry),
 * the page and list limits and the assumed source size from `server`.
 */
export function estimatorFor(
  schema: GraphQLSchema,
  config: Pick<RollcallConfig, "sources" | "server"> & Partial<Pick<RollcallConfig, "templates">>,
): OperationEstimator {
  const { server } = config;
  return new OperationEstimator(schema, {
    sources: config.sources.map((source) => {
      const vendor = vendorFor(source.kind);
      if (!vendor) throw new Error(`no vendor module for kind "${source.kind}"`);
      return { id: source.id, costs: vendor.costs(source) };
    }),
    maxPageSize: server.maxPageSize,
    countScanLimit: server.countScanLimit,
    maxListItems: server.limits.maxListItems,
    sourceSize: server.limits.sourceSize,
    templates: Object.keys(config.templates ?? {}).length,
  });
}

const fragmentsByDocument = new WeakMap<DocumentNode, ReadonlyMap<string, FragmentDefinitionNode>>();

/** A document's fragments by name, what `estimate` takes beside the operation: worked out once
 *  per parsed document (Apollo caches those). */
export function fragmentsOf(document: DocumentNode): ReadonlyMap<string, FragmentDefinitionNode> {
  let fragments = fragmentsByDocument.get(document);
  if (!fragments) {
    fragments = new Map(
      document.definitions
        .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((d) => [d.name.value, d]),
    );
    fragmentsByDocument.set(document, fragments);
  }
  return fragments;
}
