import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { printRollcallSchema, SCHEMA_FILE } from "../../src/schema/print-schema.js";

describe("the committed schema", () => {
  it(`stays equal to the schema the code builds (run \`npm run schema:emit\`)`, async () => {
    const committed = await readFile(new URL(`../../${SCHEMA_FILE}`, import.meta.url), "utf8");
    expect(committed).toBe(await printRollcallSchema());
  });
});
