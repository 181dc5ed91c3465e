import { Composio } from '@composio/core';
import { VercelProvider } from '@composio/vercel';
import { anthropic } from '@ai-sdk/anthropic';
import { generateText, stepCountIs, type ModelMessage } from 'ai';
import { logger } from './logger';

const composio = new Composio({ provider: new VercelProvider() });
const router = composio.toolRouter;

// toolChoice stays on the SDK default ('auto'); forcing tool use made answers worse.
export interface RunOptions {
  userId: string;
  history: ModelMessage[];
  toolkits?: string[];
  maxSteps?: number;
}

export async function runAgentTurn({
  userId,
  history,
  toolkits = ['gmail', 'github'],
  maxSteps = 6,
}: RunOptions) {
  const session = await router.create(userId, {
    toolkits,
    manageConnections: true,
  });
  const { sessionId } = session;
  logger.info({ sessionId, userId }, 'tool router session');

  const tools = await session.tools();
  const { text, steps, usage } = await generateText({
    model: anthropic('claude-sonnet-4-5'),
    messages: history,
    tools,
    stopWhen: stepCountIs(maxSteps),
    onStepFinish({ toolCalls }) {
      for (const call of toolCalls) {
        logger.debug({ sessionId, tool: call.toolName }, 'tool call');
      }
    },
  });

  return { text, steps: steps.length, usage, sessionId };
}
