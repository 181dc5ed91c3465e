const { App } = require('@slack/bolt');
const { Composio } = require('@composio/core');

const BOT_USER_ID = 'default'; // [expect CS001]

const composio = new Composio();
const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  signingSecret: process.env.SLACK_SIGNING_SECRET,
});
let botSession;

app.message(async ({ message, say }) => {
  const tools = await botSession.tools();
  await say(`<@${message.user}> I have ${Object.keys(tools).length} tools`);
});

(async () => {
  botSession = await composio.create(BOT_USER_ID, { toolkits: ['slack', 'github'] }); // [expect CS002] [expect CS004]
  await app.start(process.env.PORT || 3000);
  console.log('bolt app running');
})();
