import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { CliIo } from "../../src/cli/cli-io.js";
import { runCli } from "../../src/cli/run-cli.js";
import { hashKey } from "../../src/server/api-keys.js";
import { anyVendor } from "../support/pick-vendor.js";

async function rollcall(args: string[], options: { env?: NodeJS.ProcessEnv; stdin?: string } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (text) => out.push(text),
    err: (text) => err.push(text),
    env: options.env ?? {},
    readStdin: async () => options.stdin ?? "",
  };
  const status = await runCli(args, io);
  return { status, stdout: out.join("\n"), stderr: err.join("\n") };
}

const { version } = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

describe("the rollcall command line", () => {
  it.each([
    [[], "Usage: rollcall [--config <file>]"],
    [["check"], "Usage: rollcall check [--config <file>] [--json]"],
    [["hash-key"], "Usage: rollcall hash-key [<key> | -]"],
  ])("answers --help and --version on %j", async (command, usage) => {
    for (const flag of ["--help", "-h"]) {
      const help = await rollcall([...command, flag]);
      expect(help.status).toBe(0);
      expect(help.stdout.startsWith(usage)).toBe(true);
      expect(help.stdout).toContain("--version");
    }
    for (const flag of ["--version", "-v"])
      expect(await rollcall([...command, flag])).toEqual({
        status: 0,
        stdout: `rollcall ${version}`,
        stderr: "",
      });
  });

  it("lists every command in the top-level help", async () => {
    const { stdout } = await rollcall(["--help"]);
    expect(stdout).toContain("rollcall check [--config <file>]");
    expect(stdout).toContain("rollcall hash-key");
  });

  it("refuses an unknown command, an unknown option, a stray argument or a bad port, with exit status 2", async () => {
    expect(await rollcall(["frobnicate"])).toMatchObject({
      status: 2,
      stderr:
        'rollcall frobnicate: unknown command "frobnicate" (commands: check, hash-key, plan, apply, snapshot)\nRun "rollcall --help" for usage.',
    });
    const unknownOption = await rollcall(["check", "--confg", "x.yaml"]);
    expect(unknownOption.status).toBe(2);
    expect(unknownOption.stderr).toMatch(/^rollcall check: Unknown option '--confg'/);
    expect(unknownOption.stderr).toContain('Run "rollcall check --help" for usage.');
    expect(await rollcall(["hash-key", "a", "b"])).toMatchObject({ status: 2 });
    expect(await rollcall(["--port", "http"])).toMatchObject({
      status: 2,
      stderr: 'rollcall: --port must be a port number (0-65535)\nRun "rollcall --help" for usage.',
    });
    expect(await rollcall([], { env: { PORT: "99999" } })).toMatchObject({ status: 2 });
  });

  it("does not start serving an invalid config: every problem, exit status 1", async () => {
    const dir = await mkdtemp(join(tmpdir(), "rollcall-cli-"));
    const path = join(dir, "rollcall.yaml");
    const source = anyVendor().simulator.demoSource("ftp://tool", "src") as { auth: Record<string, string> };
    const secretKey = Object.keys(source.auth).find((k) => k !== "username" && k !== "email") as string;
    await writeFile(
      path,
      stringify({ sources: [{ ...source, auth: { ...source.auth, [secretKey]: "${SRC_SECRET}" } }] }),
    );
    const run = await rollcall(["--config", path]);
    expect(run).toEqual({
      status: 1,
      stdout: "",
      stderr: [
        "Invalid Rollcall configuration:",
        `  - sources[0] (id "src").auth.${secretKey}: environment variable SRC_SECRET is not set`,
        '  - sources[0] (id "src").baseUrl: uses ftp://, expected http:// or https://',
      ].join("\n"),
    });
  });

  it("hash-key makes a key and its hash, or hashes a key given as an argument or on stdin", async () => {
    const made = await rollcall(["hash-key"]);
    const [, key, sha256] = /^key: +(\S+)\nsha256: +([0-9a-f]{64})$/.exec(made.stdout) ?? [];
    expect(hashKey(key as string)).toBe(sha256);
    expect((await rollcall(["hash-key", "rk_given"])).stdout).toBe(hashKey("rk_given"));
    expect((await rollcall(["hash-key", "-"], { stdin: "rk_piped\n" })).stdout).toBe(hashKey("rk_piped"));
    expect(await rollcall(["hash-key", "-"], { stdin: "\n" })).toMatchObject({ status: 2 });
  });
});
