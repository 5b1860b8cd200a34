import "reflect-metadata";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import {
  printRollcallSchema,
  printRollcallSubgraphSchema,
  SCHEMA_FILE,
  SUBGRAPH_SCHEMA_FILE,
} from "../schema/print-schema.js";

/** Writes schema/schema.graphql and the subgraph's schema/subgraph.graphql (committed, so schema
 *  changes show up in review). */
for (const [file, print] of [
  [SCHEMA_FILE, printRollcallSchema],
  [SUBGRAPH_SCHEMA_FILE, printRollcallSubgraphSchema],
] as const) {
  const target = new URL(`../../${file}`, import.meta.url);
  await mkdir(dirname(target.pathname), { recursive: true });
  await writeFile(target, await print());
  console.log(`wrote ${file}`);
}
