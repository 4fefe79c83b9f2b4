#!/usr/bin/env node
// `npx parley <command>`: runs the CLI from its TypeScript source.
import { register } from "tsx/esm/api";

register();
const { cli } = await import("../src/cli.ts");
process.exitCode = await cli(process.argv.slice(2));
