#!/usr/bin/env -S npx tsx
// scripts/try-toolkit.mts -- poke at a toolkit from the terminal.
import { parseArgs } from 'node:util';
import { Composio } from '@composio/core';

const { values, positionals } = parseArgs({
  options: {
    toolkit: { type: 'string', short: 't', default: 'github' },
    verbose: { type: 'boolean', short: 'v', default: false },
  },
  allowPositionals: true,
});

const userId = positionals[0] ?? 'default'; // [expect CS001]
const composio = new Composio();

async function main() {
  const session = await composio.create(userId, { toolkits: [values.toolkit!] });
  console.log(`session ${session.sessionId} (user ${userId})`);

  const tools = await session.tools();
  for (const name of Object.keys(tools)) {
    console.log(' -', name);
  }
  if (values.verbose) {
    console.dir(tools, { depth: 3 });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
