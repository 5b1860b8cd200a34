#!/usr/bin/env node
import "reflect-metadata";
import { text } from "node:stream/consumers";
import { runCli } from "./cli/run-cli.js";

const result = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  readStdin: () => text(process.stdin),
  ...(process.stdout.isTTY && {
    terminal: {
      write: (chunk: string) => process.stdout.write(chunk),
      get columns() {
        return process.stdout.columns || 80;
      },
    },
  }),
});
// A finished command sets the status and lets stdout drain; the server keeps running until a signal.
if (result !== "running") process.exitCode = result;
