#!/usr/bin/env node
// `npx parley …`: the server's command line, run from its TypeScript source.
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("../src/cli.ts");
process.exitCode = await runCli(process.argv.slice(2), process.env);
