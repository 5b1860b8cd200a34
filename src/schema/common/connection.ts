import { type ClassType, Field, Int, ObjectType } from "type-graphql";
import type { CrossSourcePage, Edge } from "../../loaders/list-across-sources.js";
import { PageInfo } from "./page-info.type.js";

/** A node that may still be loading its data (graphql-js completes it when it arrives). */
export type Deferred<T> = T | Promise<T>;

export interface EdgeShape<T> {
  node: Deferred<T>;
  cursor: string;
}

/** What list resolvers return. Only what a client selects is computed (see ConnectionPage). */
export interface ConnectionShape<T> {
  readonly edges: EdgeShape<T>[];
  readonly nodes: Deferred<T>[];
  readonly pageInfo: PageInfo;
  readonly totalCount: Promise<number | null> | number | null;
}

/** A Relay connection type (`<Name>Connection` with `<Name>Edge`) over a node type. */
export function Connection<T extends object>(NodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class Edge {
    @Field(() => NodeType)
    node!: T;

    @Field({ description: "Pass as `after` to get the items following this one." })
    cursor!: string;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true, description: `A page of ${name} objects.` })
  class ConnectionType {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => [NodeType], { description: "The nodes of `edges`, for clients that need no cursors." })
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, {
      nullable: true,
      description:
        "All matches across the chosen sources; null when a source reports no total and counting it would read more than the server's countScanLimit positions.",
    })
    totalCount!: number | null;
  }
  return ConnectionType;
}

/**
 * A page whose parts are computed when graphql-js reads them — prototype getters, so a directory
 * page of a few hundred users with three relations each builds no edges or cursors it isn't asked
 * for, and stays cheap to allocate (bench/README.md, "What was found").
 */
export class ConnectionPage<T> implements ConnectionShape<T> {
  private builtEdges?: EdgeShape<T>[];
  private builtNodes?: Deferred<T>[];

  constructor(
    /** The page's items, in order. */
    private readonly items: T[],
    /** The cursor of the item at an index of `items`. */
    private readonly cursorAt: (index: number) => string,
    private readonly page: { readonly hasNextPage: boolean; readonly hasPreviousPage: boolean },
    /** Read only when the client selects it (it may cost a count call per untouched source). */
    private readonly count: () => Promise<number | null> | number | null,
    /** The item at an index, or the promise of it while the data its fields read loads. */
    private readonly settledAt?: (index: number) => Deferred<T>,
  ) {}

  get nodes(): Deferred<T>[] {
    const settledAt = this.settledAt;
    this.builtNodes ??= settledAt ? this.items.map((_, i) => settledAt(i)) : this.items;
    return this.builtNodes;
  }

  get edges(): EdgeShape<T>[] {
    this.builtEdges ??= this.nodes.map((node, i) => ({ node, cursor: this.cursorAt(i) }));
    return this.builtEdges;
  }

  get pageInfo(): PageInfo {
    const last = this.items.length - 1;
    return {
      hasNextPage: this.page.hasNextPage,
      hasPreviousPage: this.page.hasPreviousPage,
      startCursor: last >= 0 ? this.cursorAt(0) : null,
      endCursor: last >= 0 ? this.cursorAt(last) : null,
    };
  }

  get totalCount(): Promise<number | null> | number | null {
    return this.count();
  }
}

/** A connection over a page listed across sources (its cursors are already known). */
export function toConnection<T>(page: CrossSourcePage<T>): ConnectionShape<T> {
  const { edges } = page;
  return new ConnectionPage(
    edges.map((e) => e.node),
    (i) => (edges[i] as Edge<T>).cursor,
    page,
    page.totalCount,
    (i) => page.settledNode(edges[i] as Edge<T>),
  );
}
