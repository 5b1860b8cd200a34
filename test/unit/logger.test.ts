import { PassThrough } from "node:stream";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { loggerOptions, scrubLogLine } from "../../src/server/logger.js";
import { REDACTED, SecretSet } from "../../src/vendors/http/secrets.js";

/** A Fastify logger as the server makes it, and the lines it writes. */
function logger(secrets: SecretSet) {
  const lines: string[] = [];
  const stream = new PassThrough();
  stream.on("data", (chunk: Buffer) => lines.push(...chunk.toString("utf8").split("\n").filter(Boolean)));
  const app = Fastify({ logger: loggerOptions("trace", stream, secrets) });
  return { log: app.log, lines };
}

describe("the logger", () => {
  const token = `vendor-token-"quoted"\\slash`;
  const secrets = new SecretSet().add("configured-password");

  it("scrubs every source secret from any line, in its message and its fields, keeping the line JSON", () => {
    const { log, lines } = logger(secrets);
    secrets.learn(token); // a token obtained after the logger was made
    log.warn({ detail: { said: `echoed ${token}` }, [token]: 1 }, "vendor said configured-password");
    log.error(new Error(`failed with ${token}`));
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toContain("configured-password");
      expect(line).not.toContain("vendor-token");
      expect(line).toContain(REDACTED);
    }
    const first = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(first).toMatchObject({ msg: `vendor said ${REDACTED}`, detail: { said: `echoed ${REDACTED}` } });
    expect(first[REDACTED]).toBe(1);
    expect((JSON.parse(lines[1]!) as { err: { message: string } }).err.message).toBe(
      `failed with ${REDACTED}`,
    );
  });

  it("still censors credential paths by name", () => {
    const { log, lines } = logger(new SecretSet());
    log.info({ source: { auth: { password: "not-known-as-a-secret" } } }, "config");
    expect(lines[0]).not.toContain("not-known-as-a-secret");
  });

  it("writes a line that mentions no secret as it was", () => {
    const line = `${JSON.stringify({ level: 30, msg: "upstream request" })}\n`;
    expect(scrubLogLine(line, secrets)).toBe(line);
  });
});
