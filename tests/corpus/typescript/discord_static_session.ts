import { Client, Events, GatewayIntentBits, type Message } from 'discord.js';
import { Composio, type ToolRouterSession } from '@composio/core';
import winston from 'winston';

const logger = winston.createLogger({
  level: 'info',
  format: winston.format.json(),
  transports: [new winston.transports.Console()],
});

export class AgentBot {
  // One session for the whole guild bot; every "!issues" command runs through it.
  private static session: ToolRouterSession | undefined;

  static async init(composio: Composio) {
    AgentBot.session = await composio.create(process.env.DISCORD_BOT_USER_ID!, { // [expect CS002]
      toolkits: ['github', 'linear'],
    });
    logger.info('bot session created', { sessionId: AgentBot.session.sessionId });
  }

  constructor(private readonly composio: Composio) {}

  async onMessage(message: Message) {
    if (message.author.bot || !message.content.startsWith('!')) return;
    const [command, ...rest] = message.content.slice(1).split(' ');

    switch (command) {
      case 'issues': {
        const tools = await AgentBot.session!.tools();
        const linear = Object.keys(tools).filter((t) => t.startsWith('LINEAR'));
        await message.reply(`linear tools: ${linear.length}`);
        break;
      }
      case 'me': {
        // personal commands use the member's own id
        const personal = await this.composio.create(message.author.id, { toolkits: ['github'] });
        logger.info('personal session', { sessionId: personal.sessionId, author: message.author.id });
        await message.reply(`session ready (${rest.join(' ') || 'no args'})`);
        break;
      }
      default:
        await message.reply('unknown command');
    }
  }
}

const composio = new Composio();
const discord = new Client({
  intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
});
await AgentBot.init(composio);
const bot = new AgentBot(composio);
discord.on(Events.MessageCreate, (m) => void bot.onMessage(m));
await discord.login(process.env.DISCORD_TOKEN);
