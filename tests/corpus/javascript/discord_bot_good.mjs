import { Client, Events, GatewayIntentBits } from 'discord.js';
import { Composio } from '@composio/core';

const composio = new Composio();
const discord = new Client({
  intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
});

// thread id -> Composio session id. We keep the id and reopen it, never the session object.
const threadSessionIds = new Map();

discord.on(Events.MessageCreate, async (message) => {
  if (message.author.bot || !message.content.startsWith('!agent')) return;

  const threadKey = message.channel.isThread() ? message.channel.id : message.id;
  const knownId = threadSessionIds.get(threadKey);

  const session = knownId
    ? await composio.use(knownId)
    : await composio.create(message.author.id, { toolkits: ['github', 'linear'] });
  threadSessionIds.set(threadKey, session.sessionId);
  console.info(`[agent] thread=${threadKey} session=${session.sessionId} author=${message.author.id}`);

  const tools = await session.tools();
  await message.reply(`Ready with ${Object.keys(tools).length} tools.`);
});

discord.on(Events.ThreadDelete, (thread) => {
  threadSessionIds.delete(thread.id);
});

discord.once(Events.ClientReady, (c) => console.log(`logged in as ${c.user.tag}`));
await discord.login(process.env.DISCORD_TOKEN);
