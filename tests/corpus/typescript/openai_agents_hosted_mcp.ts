import { Agent, run, hostedMcpTool, MemorySession } from '@openai/agents';
import { Composio } from '@composio/core';
import express from 'express';

const composio = new Composio();
const app = express();
app.use(express.json());

// Conversation memory for the Agents SDK (not Composio): one per user is what we want here.
const memoryByUser = new Map<string, MemorySession>();

function memoryFor(userId: string): MemorySession {
  let memory = memoryByUser.get(userId);
  if (!memory) {
    memory = new MemorySession();
    memoryByUser.set(userId, memory);
  }
  return memory;
}

app.post('/agent/:userId', async (req, res) => {
  const { userId } = req.params;
  const session = await composio.create(userId, { toolkits: ['notion', 'linear'] }); // [expect CS004]
  console.log('composio mcp url', session.mcp.url);

  const agent = new Agent({
    name: 'Workspace assistant',
    instructions: 'Help the user manage their Notion pages and Linear issues.',
    tools: [
      hostedMcpTool({
        serverLabel: 'composio',
        serverUrl: session.mcp.url,
        headers: session.mcp.headers,
        requireApproval: 'never',
      }),
    ],
  });

  const result = await run(agent, req.body.input, { session: memoryFor(userId) });
  res.json({ output: result.finalOutput });
});

app.listen(Number(process.env.PORT) || 8787, () => {
  console.log('agents server up');
});
