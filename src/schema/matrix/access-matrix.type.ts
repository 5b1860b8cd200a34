import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { MatrixCellState } from "../../history/matrix/people-matrix.js";
import type { SnapshotRecord } from "../../history/snapshot.js";
import { SnapshotSourceStatus } from "../../history/snapshot.js";
import { PermissionLevel } from "../../model/records.js";
import "../common/enums.js";
import { PageInfo } from "../common/page-info.type.js";
import { DateTime } from "../common/scalars.js";
import "../snapshot/snapshot.type.js";
import { Source } from "../source/source.type.js";

registerEnumType(MatrixCellState, {
  name: "MatrixCellState",
  description: "What a snapshot says of one person in one source.",
  valuesConfig: {
    NO_ACCOUNT: { description: "The source was read whole and held no account of theirs." },
    ACCOUNT: { description: "They had at least one account there (`accounts`, `highestLevel`)." },
    NOT_READ: {
      description:
        "The source's part of the snapshot is missing (it failed, or was not in it): whether they had an account there is unknown, never none.",
    },
  },
});

@ObjectType({ simpleResolvers: true, description: "One person in one source, as of the snapshot." })
export class AccessMatrixCell {
  @Field(() => ID)
  sourceId!: string;

  @Field(() => MatrixCellState)
  state!: MatrixCellState;

  @Field(() => Int, { description: "Their accounts there (0 unless ACCOUNT)." })
  accounts!: number;

  @Field(() => Boolean, {
    nullable: true,
    description: "ACCOUNT: whether one of them was active; else null.",
  })
  active!: boolean | null;

  @Field(() => PermissionLevel, {
    nullable: true,
    description:
      "The highest level their accounts there held, of those whose permissions were read; null when they held none (or none was read: see `levelKnown`).",
  })
  highestLevel!: PermissionLevel | null;

  @Field({
    description:
      'Whether every account\'s permissions there were read. False: the level is unknown (or a floor), never "no access".',
  })
  levelKnown!: boolean;
}

@ObjectType({ simpleResolvers: true, description: "One account of a matrix row, as the snapshot kept it." })
export class AccessMatrixAccount {
  @Field(() => ID, { description: "The User's id (read it live with node(id:))." })
  id!: string;

  @Field(() => ID)
  sourceId!: string;

  @Field()
  displayName!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  login!: string | null;

  @Field()
  active!: boolean;

  @Field(() => PermissionLevel, {
    nullable: true,
    description: "Its highest grant's level; null when it held none or they were not read (`grantsRead`).",
  })
  highestLevel!: PermissionLevel | null;

  @Field({ description: "Whether its permissions were read (else its level is unknown)." })
  grantsRead!: boolean;
}

@ObjectType({ simpleResolvers: true, description: "One person's row of the matrix." })
export class AccessMatrixPerson {
  @Field(() => ID, { description: "The Person's id: person(id:) reads them live." })
  id!: string;

  @Field({ description: "The name most of their accounts gave (Person.displayName's rule)." })
  displayName!: string;

  @Field(() => String, {
    nullable: true,
    description: "The email they are joined by; null for an account with neither email nor link.",
  })
  email!: string | null;

  @Field(() => PermissionLevel, {
    nullable: true,
    description:
      "The highest level of their cells (sources read whole only: one NOT_READ may hold more); null when none held any.",
  })
  highestLevel!: PermissionLevel | null;

  @Field(() => [AccessMatrixCell], {
    description: "One per source of the snapshot, in its order (`AccessMatrix.sources`).",
  })
  cells!: AccessMatrixCell[];

  @Field(() => [AccessMatrixAccount], {
    description: "Their accounts in the sources read whole, by source and id.",
  })
  accounts!: AccessMatrixAccount[];
}

@ObjectType({ simpleResolvers: true, description: "A column of the matrix: one source of the snapshot." })
export class AccessMatrixSource {
  @Field(() => ID)
  sourceId!: string;

  @Field(() => Source, { nullable: true, description: "The source; null when it is no longer configured." })
  source!: Source | null;

  @Field(() => SnapshotSourceStatus, { description: "COMPLETE: read whole; else its column is NOT_READ." })
  status!: SnapshotSourceStatus;
}

@ObjectType({ simpleResolvers: true })
export class AccessMatrixEdge {
  @Field(() => AccessMatrixPerson)
  node!: AccessMatrixPerson;

  @Field({ description: "Pass as `after` for the people after this one." })
  cursor!: string;
}

@ObjectType({
  description:
    "Everyone × every source as of one finished snapshot, read from Rollcall's store with no vendor call: a page of people by key.",
})
export class AccessMatrix {
  /** The snapshot read (its GraphQL view is resolved only when asked: AccessMatrixResolver). */
  record!: SnapshotRecord;

  @Field(() => DateTime, {
    description:
      "When the snapshot finished: what the matrix shows is as of then (its sources were read from `snapshot.startedAt` on). Take a new snapshot (takeSnapshot) for a fresher one; `people` reads live.",
  })
  asOf!: Date;

  @Field(() => [AccessMatrixSource], {
    description: "The snapshot's sources, in its order: the matrix's columns.",
  })
  sources!: AccessMatrixSource[];

  @Field(() => [ID], {
    description: "Sources whose part of the snapshot is missing: every cell of theirs is NOT_READ.",
  })
  incompleteSources!: string[];

  @Field(() => Int, { description: "People matching the filter, in all." })
  totalCount!: number;

  @Field(() => [AccessMatrixEdge])
  edges!: AccessMatrixEdge[];

  @Field(() => [AccessMatrixPerson])
  nodes!: AccessMatrixPerson[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

@InputType({ description: "Narrows the matrix's people; every field given must hold of them." })
export class AccessMatrixFilter {
  @Field(() => String, {
    nullable: true,
    description:
      "Text (any case) in one of their accounts' names or emails, or in the email they are joined by.",
  })
  search?: string | null;

  @Field(() => [ID], {
    nullable: true,
    description: "An account in at least one of these sources (of the snapshot).",
  })
  sources?: string[] | null;

  @Field(() => PermissionLevel, {
    nullable: true,
    description:
      "Their highest level is at least this (UNKNOWN < CUSTOM < NONE < VIEW < EXECUTE < EDIT < MANAGE < ADMIN), in a source read whole.",
  })
  highestLevel?: PermissionLevel | null;
}
