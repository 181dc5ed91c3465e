#!/usr/bin/env node
// scripts/hn-top.cjs — personal script, prints the Hacker News front page tools
const { Composio } = require('@composio/core');

const composio = new Composio({ apiKey: process.env.COMPOSIO_API_KEY });

(async () => {
  const session = await composio.create('default', { toolkits: ['hackernews'] }); // [expect CS001]
  console.log(`session ${session.sessionId}`);
  const tools = await session.tools();
  console.log(Object.keys(tools));
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
