import { people, pick } from "../../../simulator/people.js";

/** The simulator's database, in TestResults.io's own terms so the routes stay thin. */

export interface StoredGroup {
  Id: string;
  Name: string;
  Description: string | null;
  UsagePermission: string;
  DataVersion: string | null;
  Archived: boolean;
}

export interface StoredProfile {
  Language: string;
  DateFormat: string;
  TimeFormat: string;
}

export interface StoredUser {
  Id: string;
  Email: string;
  DisplayName: string | null;
  Features: string | null;
  PreviousLogin: string | null;
  LastLogin: string | null;
  Profile: StoredProfile;
  DataVersion: string | null;
  Archived: boolean;
  /** The one UserGroup the user belongs to; its UsagePermission is the user's. */
  groupId: string;
}

/** The customer's own fields as `GET /api/management/customers/current` shows them (minus UserGroups). */
export interface StoredCustomer {
  Name: string;
  AccountNumber: string;
  Address: string;
  CostCenter: string;
  Currency: string;
  Tax: number;
  Discounts: null;
  MinimumConsumptionInH: number;
  DueDays: number;
  TechnicalName: string;
  Subdomain: string;
  Appliances: string;
  DataVersion: string | null;
  Archived: boolean;
  Id: string;
}

export interface TokenSettings {
  /** HS256 key of the tokens this simulator issues. */
  readonly secret: string;
  /** Lifetime of a login token; 0 or less issues tokens that are already expired. */
  tokenLifetimeSeconds: number;
  /** Added to the wall clock when issuing and checking tokens (moves time forward in tests). */
  clockOffsetSeconds: number;
}

export interface TestResultsState {
  customer: StoredCustomer;
  /** By lower-case id; insertion order is the `UserGroups` order. */
  groups: Map<string, StoredGroup>;
  /** By lower-case id. */
  users: Map<string, StoredUser>;
  /** Lower-case group id -> lower-case user ids, in the order the group lists them. */
  members: Map<string, Set<string>>;
  /** Lower-case email -> lower-case user id (the login looks accounts up by email). */
  emails: Map<string, string>;
  passwords: Map<string, string>;
  /** The last rowversion handed out; every write takes the next one (SQL Server semantics). */
  rowVersion: bigint;
  auth: TokenSettings;
}

/** Deterministic GUIDs: `kind` tells users from groups, `index` makes them unique. */
export function simGuid(kind: number, index: number): string {
  const k = kind.toString(16).padStart(4, "0");
  return `5eed${k}-0000-4000-8000-${index.toString(16).padStart(12, "0")}`;
}

/** A SQL Server rowversion as the API prints it: 8 bytes, big-endian, base64 ("AAAAAAAzl1s="). */
export function nextRowVersion(state: TestResultsState): string {
  state.rowVersion += 1n;
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(state.rowVersion);
  return bytes.toString("base64");
}

/**
 * TestResults.io prints `datetime` values converted to 7 digits: SQL Server keeps 1/300 s, so
 * 14:06:39.403 comes out as "14:06:39.4033333Z" (the doc page's LastLogin values show this).
 */
export function trioDate(date: Date): string {
  const ticks = Math.round((date.getTime() * 3) / 10);
  const seconds = Math.floor(ticks / 300);
  const fraction = String(Math.round(((ticks - seconds * 300) * 10_000_000) / 300)).padStart(7, "0");
  return `${new Date(seconds * 1000).toISOString().slice(0, 19)}.${fraction}Z`;
}

export const DEFAULT_PROFILE: StoredProfile = {
  Language: "en-en",
  DateFormat: "ddMMyyyy",
  TimeFormat: "hhmm",
};

/** A simulator-only administrator (the doc page names none): the demo signs in with it. */
export const DEMO_ADMIN = {
  id: "5eed0000-0000-4000-8000-000000000001",
  email: "admin@testanddemo.example",
  // Eight characters or more: the demo's logs would show a shorter one's word as "[redacted]".
  password: "trio-demo-password",
} as const;

/** Password of every other seeded account (the doc users and the generated people). */
export const SIM_PASSWORD = "password";

/** The key the simulator signs its HS256 tokens with (fixed, so the demo token is too). */
export const SIM_SECRET = "testresults-simulator-hs256-key";

export const CUSTOMER_ID = "00000000-0000-0000-0000-000000000010";
export const ADMINISTRATORS_ID = "34815f3d-cf2f-4653-8677-1d3ebc51e2ef";
export const ADMINISTRATOR_PERMISSIONS =
  "Login, Read, Write, Execute, Accept, Reject, UserSettings, UserManagement, Automation, ClaimManagement, CustomerManagement, AccessSecrets, Invoicing, ExecutionTimes";
export const AUTOMATION_ENGINEER_ID = "f7eef9b7-1508-44b3-9d97-85d33f86e341";

const GENERATED_GROUPS: ReadonlyArray<Omit<StoredGroup, "Id" | "DataVersion">> = [
  {
    Name: "Test Engineer",
    Description: "Runs and reviews tests",
    UsagePermission: "Login, Read, Execute, Accept, Reject, UserSettings",
    Archived: false,
  },
  {
    Name: "Developer",
    Description: "Maintains test assets",
    UsagePermission: "Login, Read, Write, UserSettings",
    Archived: false,
  },
  {
    Name: "Stakeholder",
    Description: "Reads results",
    UsagePermission: "Login, Read, UserSettings",
    Archived: false,
  },
  // Without Login nobody in it can sign in: the accounts Rollcall reports inactive.
  { Name: "Suspended", Description: "Accounts on hold", UsagePermission: "UserSettings", Archived: false },
  {
    Name: "Legacy QA",
    Description: "Retired team of the old test lab",
    UsagePermission: "Login, Read, Execute, UserSettings",
    Archived: true,
  },
];

/** The doc page's customer, groups and users verbatim, the demo admin, then `generated` people. */
export function seedTestResults(generated: number): TestResultsState {
  const state: TestResultsState = {
    customer: {
      Name: "Test & Demo GmbH",
      AccountNumber: "INT-PRG-01",
      Address: "progile GmbH;Riedwiesenstr. 23;8305 Dietlikon;Schweiz",
      CostCenter: "TRIO-RUN",
      Currency: "CHF",
      Tax: 770,
      Discounts: null,
      MinimumConsumptionInH: 40,
      DueDays: 90,
      TechnicalName: "testanddemo",
      Subdomain: "stage",
      Appliances: "Development (Oleg):oleglocal,Dummy:dummyProbe,Stage Box:b8aeed7fa02a",
      DataVersion: "AAAAAAAq+HI=",
      Archived: false,
      Id: CUSTOMER_ID,
    },
    groups: new Map(),
    users: new Map(),
    members: new Map(),
    emails: new Map(),
    passwords: new Map(),
    // Above every rowversion the doc page shows, so generated ones never repeat them.
    rowVersion: 0x340000n,
    auth: { secret: SIM_SECRET, tokenLifetimeSeconds: 3600, clockOffsetSeconds: 0 },
  };
  const addGroup = (group: StoredGroup) => {
    state.groups.set(group.Id.toLowerCase(), group);
    state.members.set(group.Id.toLowerCase(), new Set());
  };
  const addUser = (user: StoredUser, password: string) => {
    const id = user.Id.toLowerCase();
    state.users.set(id, user);
    state.emails.set(user.Email.toLowerCase(), id);
    state.passwords.set(id, password);
    state.members.get(user.groupId.toLowerCase())?.add(id);
  };

  addGroup({
    Name: "Administrators",
    Description: "Admin Group for Test & Demo",
    UsagePermission: ADMINISTRATOR_PERMISSIONS,
    DataVersion: null,
    Archived: false,
    Id: ADMINISTRATORS_ID,
  });
  addGroup({
    Name: "Automation Engineer",
    Description: "TestResults.io Automation Engineer",
    UsagePermission: "Login, Read, Write, Execute, Accept, Reject, UserSettings, Automation",
    DataVersion: null,
    Archived: false,
    Id: AUTOMATION_ENGINEER_ID,
  });
  const generatedGroupIds = GENERATED_GROUPS.map((group, i) => {
    const Id = simGuid(2, i + 1);
    addGroup({ ...group, Id, DataVersion: nextRowVersion(state) });
    return Id;
  });
  const [testEngineer, developer, stakeholder, suspended, legacy] = generatedGroupIds as [
    string,
    string,
    string,
    string,
    string,
  ];

  addUser(
    {
      Id: DEMO_ADMIN.id,
      Email: DEMO_ADMIN.email,
      DisplayName: "Demo Admin",
      Features: null,
      PreviousLogin: "2026-11-01T08:00:00.0000000Z",
      LastLogin: "2026-11-02T08:00:00.0000000Z",
      Profile: DEFAULT_PROFILE,
      DataVersion: nextRowVersion(state),
      Archived: false,
      groupId: ADMINISTRATORS_ID,
    },
    DEMO_ADMIN.password,
  );
  addUser(
    {
      Email: "rudi.adigbli@progile.ch",
      Features: null,
      DisplayName: "Rudi",
      PreviousLogin: null,
      LastLogin: "2018-08-02T14:06:39.4033333Z",
      Profile: DEFAULT_PROFILE,
      DataVersion: "AAAAAAAfaSY=",
      Archived: false,
      Id: "eec02495-a1ac-46b1-95ec-07e20096cb7b",
      groupId: AUTOMATION_ENGINEER_ID,
    },
    SIM_PASSWORD,
  );
  addUser(
    {
      Email: "tobias.roethlin@outlook.com",
      Features: null,
      DisplayName: "Tobias Röthlin",
      PreviousLogin: "2019-05-02T09:00:41.1766667Z",
      LastLogin: "2019-05-02T09:00:41.2433333Z",
      Profile: DEFAULT_PROFILE,
      DataVersion: "AAAAAAAzh38=",
      Archived: false,
      Id: "c83f7ba9-e0bb-4180-b00d-226f2db5f1ee",
      groupId: AUTOMATION_ENGINEER_ID,
    },
    SIM_PASSWORD,
  );

  const working = [AUTOMATION_ENGINEER_ID, testEngineer, developer, stakeholder];
  for (const p of people(generated)) {
    const archived = p.index % 17 === 16;
    const groupId =
      archived && p.index % 2 === 0
        ? legacy
        : !p.active
          ? suspended
          : p.index % 25 === 24
            ? ADMINISTRATORS_ID
            : (working[pick(p.index, working.length, 3)] as string);
    const previous = p.lastLoginAt
      ? new Date(p.lastLoginAt.getTime() - (1 + (p.index % 5)) * 86_400_000)
      : null;
    addUser(
      {
        Id: simGuid(1, p.index),
        Email: p.email,
        DisplayName: p.displayName,
        Features: null,
        PreviousLogin: previous && p.index % 4 !== 0 ? trioDate(previous) : null,
        LastLogin: p.lastLoginAt ? trioDate(p.lastLoginAt) : null,
        Profile: DEFAULT_PROFILE,
        DataVersion: nextRowVersion(state),
        Archived: archived,
        groupId,
      },
      SIM_PASSWORD,
    );
  }
  return state;
}
