import { describe, expect, it } from "vitest";
import { imageNodeArgs } from "../../bench/lib/processes.js";

describe("the bench's Node flags", () => {
  it("are the Docker image's NODE_OPTIONS, quoted or not", () => {
    expect(
      imageNodeArgs('ENV NODE_ENV=production \\\n    NODE_OPTIONS="--a=1 --b" \\\n    PORT=4000\n'),
    ).toEqual(["--a=1", "--b"]);
    expect(imageNodeArgs("ENV NODE_OPTIONS=--a=1\n")).toEqual(["--a=1"]);
    expect(imageNodeArgs("FROM node:26\n")).toEqual([]);
    expect(imageNodeArgs("# NODE_OPTIONS=--not-this\nFROM node:26\n")).toEqual([]);
  });

  it("read the repository's Dockerfile, which sizes the young generation", () => {
    expect(imageNodeArgs()).toContain("--max-semi-space-size=64");
  });
});
