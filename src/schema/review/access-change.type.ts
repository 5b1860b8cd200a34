import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { ChangeKind, ChangeOrigin } from "../../history/changes/access-change.js";
import { PermissionLevel } from "../../model/records.js";
import { AuditEvent } from "../audit/audit-event.type.js";
import { PageInfo } from "../common/page-info.type.js";
import "../common/enums.js";

registerEnumType(ChangeKind, {
  name: "AccessChangeKind",
  description:
    "What changed between two snapshots for one account: the account itself, one grant (identity: source, account, project or instance-wide, and the group or team it came through), or one group or team membership.",
  valuesConfig: {
    ACCOUNT_CREATED: {
      description: "The account is in the newer snapshot only (with its grants and memberships as gains).",
    },
    ACCOUNT_REMOVED: {
      description: "The account is in the older snapshot only (its grants and memberships as losses).",
    },
    PERMISSION_CHANGED: { description: "The same grant with another role or level." },
  },
});

registerEnumType(ChangeOrigin, {
  name: "AccessChangeOrigin",
  description: "Who made a change.",
  valuesConfig: {
    ROLLCALL: { description: "An APPLIED event of Rollcall's audit trail made it (`auditEvent`)." },
    OUTSIDE_ROLLCALL: {
      description:
        "No APPLIED audit event between the two snapshots explains it: made in the vendor's own UI or API.",
    },
  },
});

@ObjectType({ simpleResolvers: true, description: "An account as the snapshots saw it." })
export class ReviewAccount {
  @Field(() => ID, { description: "The source's id." })
  source!: string;

  @Field(() => ID, { description: "The vendor's own id of the account." })
  remoteId!: string;

  @Field(() => ID, { description: "The User's global id (`node(id:)` reads it as it is now)." })
  userId!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field()
  displayName!: string;
}

@ObjectType({ simpleResolvers: true })
export class ReviewProject {
  @Field(() => ID, {
    nullable: true,
    description: "The project's id in its source; null for an instance-wide grant.",
  })
  id!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "The Project's global id; null for an instance-wide grant.",
  })
  projectId!: string | null;

  @Field(() => String, { nullable: true })
  name!: string | null;
}

@ObjectType({ simpleResolvers: true, description: "A role and its level, as a snapshot held it." })
export class GrantState {
  @Field(() => String, {
    nullable: true,
    description: "The vendor's role; null when the vendor did not name it.",
  })
  role!: string | null;

  @Field(() => PermissionLevel)
  level!: PermissionLevel;
}

@ObjectType({ simpleResolvers: true, description: "A group or team." })
export class ReviewContainer {
  @Field({ description: "GROUP or TEAM." })
  type!: string;

  @Field(() => ID, { description: "Its id in its source." })
  id!: string;

  @Field(() => ID, { description: "Its global id (`acme:Group:3`)." })
  globalId!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description: "One change of access between two snapshots, with who made it.",
})
export class AccessChange {
  @Field(() => ChangeKind)
  kind!: ChangeKind;

  @Field(() => ChangeOrigin)
  origin!: ChangeOrigin;

  @Field(() => AuditEvent, {
    nullable: true,
    description:
      "The audit event that made it (the latest APPLIED one that explains it); null outside Rollcall.",
  })
  auditEvent!: AuditEvent | null;

  @Field(() => ID)
  source!: string;

  @Field(() => ReviewAccount)
  account!: ReviewAccount;

  @Field({
    description: "The person's key: a normalized email, or `account:<User id>` for an account of no person.",
  })
  person!: string;

  @Field(() => String, { nullable: true, description: "The person's email, when they are joined by one." })
  personEmail!: string | null;

  @Field(() => ReviewProject, { nullable: true, description: "Permission changes: the project." })
  project!: ReviewProject | null;

  @Field(() => GrantState, { nullable: true, description: "Permission changes: before (null for a gain)." })
  before!: GrantState | null;

  @Field(() => GrantState, { nullable: true, description: "Permission changes: after (null for a loss)." })
  after!: GrantState | null;

  @Field(() => ReviewContainer, {
    nullable: true,
    description: "Permission changes: the group or team the grant came through; null for a direct grant.",
  })
  via!: ReviewContainer | null;

  @Field(() => ReviewContainer, { nullable: true, description: "Membership changes: the group or team." })
  group!: ReviewContainer | null;
}

@ObjectType({ simpleResolvers: true })
export class AccessChangeEdge {
  @Field(() => AccessChange)
  node!: AccessChange;

  @Field()
  cursor!: string;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "The changes between two snapshots, by source, account and kind. Only sources read whole in both are compared: the others are in `incompleteSources`, and nothing of theirs is a change.",
})
export class AccessChangeConnection {
  @Field(() => Int)
  totalCount!: number;

  @Field(() => [AccessChangeEdge])
  edges!: AccessChangeEdge[];

  @Field(() => [AccessChange])
  nodes!: AccessChange[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => ID, { description: "The older snapshot's id." })
  from!: string;

  @Field(() => ID, {
    description: "The newer snapshot's id (the one taken for the comparison when `to` was omitted).",
  })
  to!: string;

  @Field(() => [ID], { description: "Sources compared: read whole in both snapshots." })
  comparedSources!: string[];

  @Field(() => [ID], {
    description:
      "Sources not compared: their part failed (or was not taken) in either snapshot, so their accounts are unknown there — never gone.",
  })
  incompleteSources!: string[];
}
