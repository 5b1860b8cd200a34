import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { SnapshotSourceStatus, SnapshotStatus, SnapshotTrigger } from "../../history/snapshot.js";
import { Node } from "../common/node.interface.js";
import { PageInfo } from "../common/page-info.type.js";
import { DateTime } from "../common/scalars.js";
import { Source } from "../source/source.type.js";

registerEnumType(SnapshotStatus, {
  name: "SnapshotStatus",
  valuesConfig: {
    RUNNING: { description: "Being taken: sources are still being read (`sources` says how far)." },
    COMPLETE: { description: "Every source was read whole." },
    PARTIAL: {
      description:
        "Some sources failed: their part is incomplete (each says why), never their accounts gone.",
    },
    FAILED: { description: "No source could be read, or Rollcall stopped while it was being taken." },
  },
});

registerEnumType(SnapshotSourceStatus, {
  name: "SnapshotSourceStatus",
  valuesConfig: {
    PENDING: { description: "Not started yet." },
    RUNNING: { description: "Being read: `accountsRead` grows page by page." },
    COMPLETE: { description: "Read whole." },
    FAILED: {
      description:
        "Its part is incomplete (`error` says why): none of its accounts is kept, none counts as gone.",
    },
  },
});

registerEnumType(SnapshotTrigger, {
  name: "SnapshotTrigger",
  valuesConfig: {
    MANUAL: { description: "takeSnapshot." },
    CLI: { description: "`rollcall snapshot`." },
    SCHEDULE: { description: "The configured schedule (`snapshots.schedule`)." },
    COMPARISON: { description: "Taken to compare a snapshot with now." },
  },
});

@ObjectType({ simpleResolvers: true, description: "Why a source's part of a snapshot is incomplete." })
export class SnapshotSourceError {
  @Field({ description: "An error code (ErrorCode): SOURCE_UNAVAILABLE, SOURCE_TIMEOUT, …" })
  code!: string;

  @Field({ description: "What went wrong, in words (never a secret)." })
  message!: string;
}

@ObjectType({ simpleResolvers: true, description: "One source's part of a snapshot, as far as it got." })
export class SnapshotSource {
  @Field(() => Source, { nullable: true, description: "The source; null when it is no longer configured." })
  source!: Source | null;

  @Field({ description: "The source's id, as configured when the snapshot was taken." })
  sourceId!: string;

  @Field(() => SnapshotSourceStatus)
  status!: SnapshotSourceStatus;

  @Field(() => Int, { description: "Accounts read and stored so far." })
  accountsRead!: number;

  @Field(() => Int, {
    nullable: true,
    description: "The source's account count, once known (the vendor's total, or the end of its list).",
  })
  accountsTotal!: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Whether the source reports last-login times (dormancy is judged only where it does); null when its vendor does not say.",
  })
  loginsReported!: boolean | null;

  @Field(() => DateTime, { nullable: true })
  startedAt!: Date | null;

  @Field(() => DateTime, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => SnapshotSourceError, { nullable: true, description: "Set exactly when `status` is FAILED." })
  error!: SnapshotSourceError | null;
}

@ObjectType({
  implements: Node,
  simpleResolvers: true,
  description:
    "Every configured (or chosen) source's accounts, with their permissions and memberships, and the sources' projects, groups and teams, read at one time and kept in Rollcall's store.",
})
export class Snapshot implements Node {
  /** What `Node` tells its types apart by (not a field). */
  readonly kind!: "Snapshot";

  @Field(() => ID, {
    description:
      "The store's id (`snap_…`), also its global ID (`node(id:)` reads it back): ids sort by time.",
  })
  id!: string;

  @Field(() => SnapshotStatus)
  status!: SnapshotStatus;

  @Field(() => SnapshotTrigger)
  trigger!: SnapshotTrigger;

  @Field({
    description: "Who took it: `key:<name>`, `token:<issuer>#<subject>`, `cli` or `system` (the schedule).",
  })
  takenBy!: string;

  @Field(() => DateTime)
  startedAt!: Date;

  @Field(() => DateTime, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "How far it got, 0 to 1: accounts read over accounts in all, while every source's total is known (1 once finished); else null.",
  })
  progress!: number | null;

  @Field(() => Int, {
    description: "Accounts stored (those of sources read whole, and so far of those being read).",
  })
  accountCount!: number;

  @Field(() => [SnapshotSource], { description: "One per source asked for, in config order." })
  sources!: SnapshotSource[];
}

@ObjectType({ simpleResolvers: true })
export class SnapshotEdge {
  @Field(() => Snapshot)
  node!: Snapshot;

  @Field({ description: "Pass as `after` to get the snapshots taken before this one." })
  cursor!: string;
}

@ObjectType({ simpleResolvers: true, description: "A page of snapshots, newest first." })
export class SnapshotConnection {
  @Field(() => [SnapshotEdge])
  edges!: SnapshotEdge[];

  @Field(() => [Snapshot], { description: "The nodes of `edges`, for clients that need no cursors." })
  nodes!: Snapshot[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@InputType()
export class TakeSnapshotInput {
  @Field(() => [ID], {
    nullable: true,
    description: "Only these sources (ids); every configured one when absent.",
  })
  sources?: string[] | null;
}
