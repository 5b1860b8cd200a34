/**
 * Checks the hand-written baseline against the gateway: same JSON for MID_SIZED (deep-equal,
 * permission order included) and the same upstream requests per source.
 *   npx tsc -p tsconfig.bench.json && node dist-bench/bench/check-handwritten.js
 */
import { deepStrictEqual } from "node:assert/strict";
import { startHandwritten } from "./lib/handwritten.js";
import { MID_SIZED } from "./lib/queries.js";
import { startGateway, startSimulators } from "./lib/stack.js";

const sims = await startSimulators(50);
const gateway = await startGateway(sims, { batching: true });
const handwritten = await startHandwritten(sims);
let failed = false;
try {
  // One request each first, so sign-ins happen outside the counted run.
  await gateway.query(MID_SIZED);
  await fetch(handwritten.url, { method: "POST", body: "{}" }).then((r) => r.text());

  await sims.clearLogs();
  const expected = await gateway.query(MID_SIZED);
  const gatewayCounts = await sims.counts();
  await sims.clearLogs();
  const response = await fetch(handwritten.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: MID_SIZED }),
  });
  const actual = (await response.json()) as unknown;
  const handwrittenCounts = await sims.counts();

  if (expected.errors)
    throw new Error(`the gateway answered with errors: ${JSON.stringify(expected.errors)}`);
  try {
    deepStrictEqual(actual, expected);
    const data = expected.data as Record<string, { nodes: Array<{ permissions: unknown[] }> }>;
    const sizes = Object.entries(data).map(
      ([alias, c]) =>
        `${alias} ${c.nodes.length} users/${c.nodes.reduce((n, u) => n + u.permissions.length, 0)} permissions`,
    );
    console.log(`JSON: deep-equal (HTTP ${response.status}; ${sizes.join(", ")})`);
  } catch (error) {
    failed = true;
    console.log("JSON: DIFFERENT");
    console.log(error instanceof Error ? error.message : error);
  }

  console.log("\nupstream requests per source (logins left out):");
  console.log(`${"source".padEnd(12)} ${"gateway".padStart(8)} ${"hand-written".padStart(13)}`);
  for (const kind of Object.keys(gatewayCounts)) {
    const g = gatewayCounts[kind]!;
    const h = handwrittenCounts[kind]!;
    if (g !== h) failed = true;
    console.log(
      `${kind.padEnd(12)} ${String(g).padStart(8)} ${String(h).padStart(13)}${g === h ? "" : "  ← differ"}`,
    );
  }
  console.log(failed ? "\nFAILED" : "\nOK");
} finally {
  await Promise.all([gateway.child.stop(), handwritten.child.stop()]);
  await sims.stop();
}
process.exit(failed ? 1 : 0);
