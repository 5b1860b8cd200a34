import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { FindingKind } from "../../history/findings/finding.js";
import { PermissionLevel } from "../../model/records.js";
import { PageInfo } from "../common/page-info.type.js";
import { DateTime } from "../common/scalars.js";
import { ReviewAccount } from "./access-change.type.js";
import "../common/enums.js";

registerEnumType(FindingKind, {
  name: "FindingKind",
  description: "What an access review looks for in a snapshot; each kind is one rule.",
  valuesConfig: {
    DORMANT_ACCOUNT: {
      description:
        "An active account with no login for `dormantDays` (default 90) before the snapshot — or none ever, created before that. Judged only in sources whose part reports logins.",
    },
    UNOWNED_ACCOUNT: { description: "An account joined to no person: no email to match, no link." },
    NOT_IN_ROSTER: {
      description:
        "An active account whose person is not on the staff roster. Needs a roster (replaceRoster or review.rosterFile).",
    },
    PARTIAL_OFFBOARDING: {
      description:
        "An active account of a person who has an inactive account elsewhere: offboarding left half-done.",
    },
    PRIVILEGED_ACCOUNT: {
      description: "A MANAGE or ADMIN grant anywhere, or an instance administrator (active or not).",
    },
    INACTIVE_WITH_ACCESS: {
      description:
        "An inactive account still holding grants or group/team memberships (where they were read).",
    },
  },
});

@ObjectType({ simpleResolvers: true, description: "One account an access review should look at, and why." })
export class Finding {
  @Field(() => FindingKind)
  kind!: FindingKind;

  @Field(() => ReviewAccount)
  account!: ReviewAccount;

  @Field({ description: "The person's key: a normalized email, or `account:<User id>`." })
  person!: string;

  @Field({ description: "How the account was placed with its person: LINK, EMAIL or NONE." })
  personBasis!: string;

  @Field()
  active!: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description: "Instance administrator; null where the vendor does not say.",
  })
  admin!: boolean | null;

  @Field(() => DateTime, { nullable: true })
  lastLoginAt!: Date | null;

  @Field(() => DateTime, { nullable: true })
  createdAt!: Date | null;

  @Field(() => Int, {
    nullable: true,
    description: "Whole days from the last login to the snapshot; null when no login is known.",
  })
  daysSinceLogin!: number | null;

  @Field(() => [PermissionLevel], {
    nullable: true,
    description:
      "The levels of the account's grants, highest first; null when its permissions were not read.",
  })
  levels!: PermissionLevel[] | null;

  @Field(() => Int, { nullable: true, description: "Its grants; null when not read." })
  grantCount!: number | null;

  @Field(() => Int, { nullable: true, description: "Its group and team memberships; null when not read." })
  membershipCount!: number | null;

  @Field(() => [ID], {
    description: "PARTIAL_OFFBOARDING: the person's inactive accounts (User global ids).",
  })
  inactiveAccounts!: string[];

  @Field({ description: "Why it is a finding, in words." })
  reason!: string;
}

@ObjectType({ simpleResolvers: true })
export class FindingEdge {
  @Field(() => Finding)
  node!: Finding;

  @Field()
  cursor!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: "Accounts one finding's rule matched, by person, source and account.",
})
export class FindingConnection {
  @Field(() => Int)
  totalCount!: number;

  @Field(() => [FindingEdge])
  edges!: FindingEdge[];

  @Field(() => [Finding])
  nodes!: Finding[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => ID, { description: "The snapshot judged." })
  snapshot!: string;

  @Field(() => [ID], { description: "Sources judged: read whole in the snapshot." })
  judgedSources!: string[];

  @Field(() => [ID], {
    description: "Sources whose part is missing from the snapshot: their accounts are unknown, not clean.",
  })
  incompleteSources!: string[];

  @Field(() => [ID], {
    description:
      "DORMANT_ACCOUNT: sources judged for everything else but not for dormancy, as they do not report logins.",
  })
  loginsUnreportedSources!: string[];
}

@ObjectType({ simpleResolvers: true, description: "How many accounts a finding's rule matches." })
export class FindingCount {
  @Field(() => FindingKind)
  kind!: FindingKind;

  @Field(() => Int, { nullable: true, description: "Null when the kind can't be judged (`reason`)." })
  count!: number | null;

  @Field(() => String, {
    nullable: true,
    description: "Why it can't be judged (no roster, no source reporting logins).",
  })
  reason!: string | null;

  @Field(() => ID, { description: "The snapshot judged (the same for every kind of one answer)." })
  snapshot!: string;

  @Field(() => [ID], { description: "Sources whose part is missing from that snapshot." })
  incompleteSources!: string[];
}
