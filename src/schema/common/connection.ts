import { type ClassType, Field, Int, ObjectType } from "type-graphql";
import { PageInfo } from "./page-info.type.js";

export interface EdgeShape<T> {
  node: T;
  cursor: string;
}

/** What list resolvers return; `totalCount` is a getter so it costs nothing unless selected. */
export interface ConnectionShape<T> {
  readonly edges: EdgeShape<T>[];
  readonly nodes: T[];
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
        "All matches across the chosen sources; null when a vendor can't count without a full scan.",
    })
    totalCount!: number | null;
  }
  return ConnectionType;
}

export function toConnection<T>(
  edges: EdgeShape<T>[],
  page: { hasNextPage: boolean; hasPreviousPage: boolean },
  totalCount: () => Promise<number | null> | number | null,
): ConnectionShape<T> {
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    // Read only when the client selects it (it may cost a count call per untouched source).
    get totalCount() {
      return totalCount();
    },
  };
}
