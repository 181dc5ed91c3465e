// scripts/triage.mts — local triage helper
import { Composio } from '@composio/core';

const config = {
  userId: process.env.COMPOSIO_USER_ID ?? 'default', // [expect CS001]
  toolkits: (process.env.TOOLKITS ?? 'github').split(','),
  dryRun: process.argv.includes('--dry-run'),
};

const composio = new Composio();

async function main() {
  const session = await composio.create(config.userId, { toolkits: config.toolkits });
  console.log(`session ${session.sessionId} (${config.toolkits.join(', ')})`);
  if (config.dryRun) return;
  const tools = await session.tools();
  console.log(Object.keys(tools));
}

await main();
