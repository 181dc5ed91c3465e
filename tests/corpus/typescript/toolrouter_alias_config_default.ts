import { Composio as ComposioSDK } from '@composio/core';
import { LangchainProvider } from '@composio/langchain';
import { ChatOpenAI } from '@langchain/openai';
import { createReactAgent } from '@langchain/langgraph/prebuilt';

const agentConfig = {
  // falls back to the project's default GitHub auth config
  authConfigId: process.env.GITHUB_AUTH_CONFIG_ID ?? 'default',
  model: 'gpt-4.1-mini',
  toolkits: ['github', 'slack'],
  temperature: 0.2,
  userId: 'default', // [expect CS001]
};

const sdk = new ComposioSDK({ provider: new LangchainProvider() });
const tr = sdk.toolRouter;

export async function buildAgent(threadId: string) {
  const session = await tr.create(agentConfig.userId, { toolkits: agentConfig.toolkits });
  console.log('[agent] thread=%s session=%s', threadId, session.sessionId);
  const tools = await session.tools();
  return createReactAgent({ llm: new ChatOpenAI({ model: agentConfig.model }), tools });
}

export async function connectGithub(userId: string) {
  const request = await sdk.connectedAccounts.initiate(userId, agentConfig.authConfigId);
  return request.redirectUrl;
}

export async function postRelease(tag: string, channel = 'releases') {
  return sdk.tools.execute('SLACK_SEND_MESSAGE', {
    userId: 'default', // [expect CS001]
    arguments: { channel, text: `Released ${tag}` },
  });
}
