import { Client, Events, GatewayIntentBits, SlashCommandBuilder } from 'discord.js';
import { Composio } from '@composio/core';
import winston from 'winston';

const logger = winston.createLogger({
  level: 'info',
  format: winston.format.json(),
  transports: [new winston.transports.Console()],
});

const composio = new Composio({ apiKey: process.env.COMPOSIO_API_KEY });
const client = new Client({ intents: [GatewayIntentBits.Guilds] });

// channel (thread) id -> Composio session id, so a thread keeps its context
const threadSessions = new Map();

const askCommand = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask the agent something')
  .addStringOption((o) => o.setName('question').setDescription('Your question').setRequired(true));

function traceSession(session, interaction) {
  logger.info('composio session', {
    sessionId: session.sessionId,
    guild: interaction.guildId,
    channel: interaction.channelId,
  });
}

async function sessionFor(interaction) {
  const known = threadSessions.get(interaction.channelId);
  if (known) {
    const session = await composio.use(known);
    traceSession(session, interaction);
    return session;
  }
  const session = await composio.create(interaction.user.id, { toolkits: ['github', 'linear'] });
  traceSession(session, interaction);
  threadSessions.set(interaction.channelId, session.sessionId);
  return session;
}

client.once(Events.ClientReady, async (c) => {
  await c.application.commands.create(askCommand.toJSON());
  logger.info(`ready as ${c.user.tag}`);
});

client.on(Events.InteractionCreate, async (interaction) => {
  if (!interaction.isChatInputCommand() || interaction.commandName !== 'ask') return;
  await interaction.deferReply();
  const session = await sessionFor(interaction);
  const tools = await session.tools();
  const question = interaction.options.getString('question', true);
  await interaction.editReply(`Looking into "${question}" with ${Object.keys(tools).length} tools.`);
});

client.login(process.env.DISCORD_TOKEN);
