import { afterAll, describe, expect, it } from "vitest";
import { SnapshotStatus, SnapshotTrigger } from "../../src/history/snapshot.js";
import { openStore } from "../../src/store/open-store.js";
import { StoreOpenError } from "../../src/store/store-error.js";
import { POSTGRES_URL, postgresTarget } from "../support/store-targets.js";
import { storeSpecs } from "./store.spec-suite.js";

describe("the store on PostgreSQL", () => {
  storeSpecs(postgresTarget());

  const target = postgresTarget();
  afterAll(() => target.close());

  it("stops with an open error naming PostgreSQL and the URL, never its password, when the server does not answer", async () => {
    const url = "postgres://rollcall:s3cret-Passw0rd@127.0.0.1:1/rollcall";
    const error = await openStore({ url }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreOpenError);
    expect(error).toMatchObject({ stage: "open", engine: "postgres" });
    const message = (error as Error).message;
    expect(message).toMatch(
      /^Cannot open the store \(PostgreSQL at postgres:\/\/rollcall:\*\*\*@127\.0\.0\.1:1\/rollcall\): .*ECONNREFUSED/,
    );
    expect(message).not.toContain("s3cret-Passw0rd");
    expect(JSON.stringify(error)).not.toContain("s3cret-Passw0rd");
  });

  it("stops with an open error when the database does not exist", async () => {
    const url = new URL(POSTGRES_URL);
    url.pathname = "/rollcall_no_such_database";
    const error = await openStore({ url: url.toString() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ stage: "open", engine: "postgres" });
    expect((error as Error).message).toMatch(/rollcall_no_such_database.*does not exist/);
  });

  it("analyzes the snapshot tables when a snapshot ends, so the review's comparisons are planned on real sizes", async () => {
    const place = await target.fresh();
    const store = await openStore({ url: place.url });
    try {
      const neverAnalyzed = `do $$ begin
        if (select reltuples from pg_class where oid = 'snapshot_accounts'::regclass) >= 0
        then raise exception 'snapshot_accounts was analyzed'; end if; end $$`;
      const analyzed = neverAnalyzed.replace(">= 0", "< 0").replace("was analyzed", "was never analyzed");
      await target.sql(place, neverAnalyzed);
      await store.history.createSnapshot({
        id: "snap_1",
        trigger: SnapshotTrigger.MANUAL,
        takenBy: "key:admin",
        startedAt: new Date(),
        sourceIds: ["alpha"],
      });
      await store.history.finishSnapshot("snap_1", SnapshotStatus.COMPLETE, new Date());
      await target.sql(place, analyzed);
    } finally {
      await store.close();
      await place.drop();
    }
  });

  it("never echoes the password of a server that answers but cannot be migrated", async () => {
    const place = await target.fresh();
    try {
      await target.sql(place, "create table audit_intents (id integer)");
      const url = new URL(place.url);
      url.password = "s3cret-Passw0rd"; // trust auth: the server lets it in
      const error = await openStore({ url: url.toString() }).catch((e: unknown) => e);
      expect(error).toMatchObject({ stage: "migrate", engine: "postgres" });
      expect((error as Error).message).toContain(":***@");
      expect((error as Error).message).not.toContain("s3cret-Passw0rd");
    } finally {
      await place.drop();
    }
  });

  it("stops with an open error when the search_path names no schema that exists", async () => {
    const url = new URL(POSTGRES_URL);
    url.searchParams.set("options", "-c search_path=rollcall_no_such_schema");
    const error = await openStore({ url: url.toString() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ stage: "open", engine: "postgres" });
    expect((error as Error).message).toContain("no schema");
  });
});
