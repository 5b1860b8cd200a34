import { readFile } from "node:fs/promises";
import { generate } from "@graphql-codegen/cli";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";

// Its own file: codegen loads graphql's CommonJS build, which must not meet the schema's ESM one.
const root = new URL("../../", import.meta.url);

describe("the committed typed client", () => {
  it("stays equal to what codegen makes from schema/ and examples/operations (run `npm run codegen`)", async () => {
    const config = parseYaml(await readFile(new URL("codegen.yml", root), "utf8")) as Record<string, unknown>;
    const outputs = await generate(
      { ...config, cwd: root.pathname, silent: true } as Parameters<typeof generate>[0],
      false,
    );
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      const committed = await readFile(new URL(output.filename, root), "utf8");
      expect(committed, output.filename).toBe(output.content);
    }
  });
});
