/**
 * `probe()` tells whether Rollcall's account holds the vendor's admin rights, from one call the
 * vendor answers about that account; where the vendor's answer can't tell, it says null.
 */
import { expect, it } from "vitest";
import { ErrorCode, SourceError } from "../../../src/model/errors.js";
import { person } from "../../../src/simulator/people.js";
import { qacomplete } from "../../../src/vendors/qacomplete/index.js";
import { probeAs } from "../../support/vendor-harness.js";

/** A generated person who is active and no admin (admins are every 25th). */
const plain = person(0);

it("calls its admin-only users route, which answers for an admin and refuses anyone else", async () => {
  const admin = await probeAs(qacomplete);
  expect(admin.result).toMatchObject({ admin: true });
  expect(admin.calls).toHaveLength(1);
  const user = await probeAs(qacomplete, { username: plain.email, password: "password" });
  expect(user.result).toBeInstanceOf(SourceError);
  expect((user.result as SourceError).code).toBe(ErrorCode.SOURCE_FORBIDDEN);
});
