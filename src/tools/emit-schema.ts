import "reflect-metadata";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { printRollcallSchema, SCHEMA_FILE } from "../schema/print-schema.js";

/** Writes schema/schema.graphql (committed, so schema changes show up in review). */
const target = new URL(`../../${SCHEMA_FILE}`, import.meta.url);
await mkdir(dirname(target.pathname), { recursive: true });
await writeFile(target, await printRollcallSchema());
console.log(`wrote ${SCHEMA_FILE}`);
