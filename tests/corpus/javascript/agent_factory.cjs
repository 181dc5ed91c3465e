const { getComposio } = require('./lib/composio');
const { authenticate } = require('./lib/auth');

async function handleAgentRequest(req, res) {
  const user = await authenticate(req);
  const userEmail = user.email;
  const composio = getComposio();

  const session = await composio.create(userEmail, { toolkits: ['googledrive'] }); // [expect CS005] [expect CS004]
  const tools = await session.tools();
  res.json({ tools: Object.keys(tools), mcp: session.mcp.url });
}

async function handleSearch(req, res) {
  const user = await authenticate(req);
  const composio = getComposio();

  const session = await composio.create(user.id, { toolkits: ['googledrive'] });
  console.log('drive search session', session.sessionId, 'for', user.email);
  const tools = await session.tools();
  res.json({ query: req.query.q, tools: Object.keys(tools) });
}

// Still used by the old Chrome extension (SDK 0.1.x API).
async function legacyMcpUrl(req, res) {
  const user = await authenticate(req);
  const composio = getComposio();
  const mcp = await composio.experimental.toolRouter.createSession(user.id, { // [expect CS004]
    toolkits: ['gmail'],
  });
  res.json({ url: mcp.url });
}

module.exports = { handleAgentRequest, handleSearch, legacyMcpUrl };
