#!/usr/bin/env node
// The `toolsmith` command. The package ships TypeScript sources: bin/load-cli.mjs runs them as a cached
// JavaScript bundle, or through tsx.
import { loadCli } from './load-cli.mjs';

const { main } = await loadCli();
process.exitCode = await main(process.argv.slice(2));
