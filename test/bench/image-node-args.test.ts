import { describe, expect, it } from "vitest";
import { imageEnv, imageNodeArgs } from "../../bench/lib/processes.js";

describe("the bench's Node flags", () => {
  it("are the Docker image's NODE_OPTIONS, quoted or not", () => {
    expect(
      imageNodeArgs('ENV NODE_ENV=production \\\n    NODE_OPTIONS="--a=1 --b" \\\n    PORT=4000\n'),
    ).toEqual(["--a=1", "--b"]);
    expect(imageNodeArgs("ENV NODE_OPTIONS=--a=1\n")).toEqual(["--a=1"]);
    expect(imageNodeArgs("FROM node:26\n")).toEqual([]);
    expect(imageNodeArgs("# NODE_OPTIONS=--not-this\nFROM node:26\n")).toEqual([]);
  });

  it("then the flags the image's ENTRYPOINT gives node before the script, of the final stage only", () => {
    const dockerfile = [
      "FROM node:26 AS build",
      'ENV NODE_OPTIONS="--not-this"',
      'ENTRYPOINT ["node", "--nor-this", "x.js"]',
      "FROM node:26",
      'ENV NODE_OPTIONS="--a=1"',
      'ENTRYPOINT ["node", "--c=3", "--d", "dist/main.js", "--not-a-node-flag"]',
    ].join("\n");
    expect(imageNodeArgs(dockerfile)).toEqual(["--a=1", "--c=3", "--d"]);
    expect(imageNodeArgs('ENTRYPOINT ["node", "dist/main.js"]\n')).toEqual([]);
  });

  it("come with the image's other environment (its allocator settings), not NODE_ENV or PORT", () => {
    expect(
      imageEnv(
        'FROM node:26\n# ENV NOT_THIS=1\nENV NODE_ENV=production \\\n    NODE_OPTIONS="--a" \\\n    MALLOC_ARENA_MAX=2 \\\n    PORT=4000\nENV OTHER="x y"\n',
      ),
    ).toEqual({ MALLOC_ARENA_MAX: "2", OTHER: "x y" });
  });

  it("read the repository's Dockerfile, which sizes the young generation", () => {
    expect(imageNodeArgs()).toContainEqual(expect.stringMatching(/^--max-semi-space-size=\d+$/));
  });
});
