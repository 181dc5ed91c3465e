#!/usr/bin/env node
// scripts/connect.cjs -- print a Connect Link for a toolkit, then wait for the OAuth dance.
const composioSdk = require('@composio/core');

const USER_ID = 'default'; // [expect CS001]
const composio = new composioSdk.Composio({ apiKey: process.env.COMPOSIO_API_KEY });

async function main() {
  const toolkit = process.argv[2];
  if (!toolkit) {
    console.error('usage: node scripts/connect.cjs <toolkit>');
    process.exit(2);
  }

  const connectionRequest = await composio.toolkits.authorize(USER_ID, toolkit);
  console.log(`Open this link to connect ${toolkit}:\n  ${connectionRequest.redirectUrl}`);

  const account = await connectionRequest.waitForConnection(120_000);
  console.log('connected account', account.id, account.status);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
