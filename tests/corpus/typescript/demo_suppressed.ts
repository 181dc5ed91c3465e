/**
 * demos/hackernews-digest.ts
 * Investor demo: single user, runs on a laptop, never deployed.
 */
import { Composio } from '@composio/core';
import { OpenAIProvider } from '@composio/openai';
import OpenAI from 'openai';

const composio = new Composio({ provider: new OpenAIProvider() });
const openai = new OpenAI();

async function main() {
  // composio-lint: ignore[CS001] -- single-user demo, the docs allow 'default' here
  const session = await composio.create('default', { toolkits: ['hackernews'] });
  console.log('demo session', session.sessionId);

  const frontpage = await composio.tools.execute('HACKERNEWS_GET_FRONTPAGE', {
    userId: 'default', // composio-lint: ignore[CS001] -- same demo user
    arguments: { size: 10 },
  });

  const completion = await openai.chat.completions.create({
    model: 'gpt-4.1-mini',
    tools: await session.tools(),
    messages: [
      { role: 'system', content: 'You summarise Hacker News for busy people.' },
      { role: 'user', content: `Summarise, one line each:\n${JSON.stringify(frontpage.data)}` },
    ],
  });

  console.log(completion.choices[0]?.message?.content);
}

main().catch((err) => {
  console.error('demo failed', err);
  process.exitCode = 1;
});
