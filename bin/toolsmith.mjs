#!/usr/bin/env node
// The `toolsmith` command. The package ships TypeScript sources: bin/load-cli.mjs runs them as a cached
// JavaScript bundle, or through tsx.
import { loadCli } from './load-cli.mjs';
import { tuneForBatch } from './batch-memory.mjs';

// `build` is a one-shot batch job: it trades a little CPU for a much lower peak memory (bin/batch-memory.mjs).
const batch = process.argv[2] === 'build' && tuneForBatch();
const { main } = await loadCli(batch ? { codeCacheVariant: 'batch' } : {});
process.exitCode = await main(process.argv.slice(2));
