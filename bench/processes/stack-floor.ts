/**
 * Benchmark child for `stack-floor.ts`: the stack Rollcall is given, with none of Rollcall's code —
 * Fastify with Apollo Server's integration serving a two-field schema, and the libraries Rollcall
 * loads at start imported (got, kysely with libsql's embedded client, type-graphql with
 * reflect-metadata, graphql-jit, dataloader, zod, prom-client, pino through Fastify). What a
 * replica cannot go below whatever Rollcall does: the floor its memory goal is read against.
 *
 * `{ hello }` answers a constant; `{ users { … } }` answers 250 users with 5 permissions each,
 * parsed from JSON on every operation (as answers parsed from vendors would be) — about the
 * directory's user count at 50 users per source, with no vendor call made. On SIGUSR2 it runs a
 * last-resort collection and prints `MEM {...}`, as processes/gateway.ts does.
 */
import "reflect-metadata";
import { ApolloServer } from "@apollo/server";
import { fastifyApolloHandler } from "@as-integrations/fastify";
import Fastify from "fastify";

// Loaded for what loading them costs (Rollcall imports each of them at start), not used.
await Promise.all([
  import("got"),
  import("kysely"),
  import("@libsql/client/sqlite3"),
  import("type-graphql"),
  import("graphql-jit"),
  import("dataloader"),
  import("zod"),
  import("prom-client"),
]);

const permissions = (i: number) =>
  Array.from({ length: 5 }, (_, j) => ({
    role: `Role ${j}`,
    level: "WRITE",
    project: `Project ${i % 40}-${j}`,
  }));
const usersJson = JSON.stringify(
  Array.from({ length: 250 }, (_, i) => ({
    id: `u${i}`,
    displayName: `User ${i}`,
    email: `user${i}@example.com`,
    active: i % 7 !== 0,
    permissions: permissions(i),
  })),
);

const apollo = new ApolloServer({
  typeDefs: `
    type Permission { role: String! level: String! project: String! }
    type User { id: ID! displayName: String! email: String active: Boolean! permissions: [Permission!]! }
    type Query { hello: String! users: [User!]! }`,
  resolvers: { Query: { hello: () => "hello", users: async () => JSON.parse(usersJson) } },
});
await apollo.start();
const app = Fastify({ logger: { level: "warn" } });
app.post("/graphql", fastifyApolloHandler(apollo));
const address = await app.listen({ port: 0, host: "127.0.0.1" });

type Gc = (options?: { type: "major"; execution: "sync"; flavor?: "last-resort" }) => void;
process.on("SIGUSR2", () => {
  (globalThis as { gc?: Gc }).gc?.({ type: "major", execution: "sync", flavor: "last-resort" });
  process.stdout.write(`MEM ${JSON.stringify(process.memoryUsage())}\n`);
});
process.on("SIGTERM", () => void app.close().then(() => process.exit(0)));
process.stdout.write(`READY ${address}/graphql\n`);
