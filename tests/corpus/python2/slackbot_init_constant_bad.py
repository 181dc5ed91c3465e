import logging
import os

from slack_bolt import App

from composio import Composio

logger = logging.getLogger(__name__)
bolt = App(token=os.environ["SLACK_BOT_TOKEN"], signing_secret=os.environ["SLACK_SIGNING_SECRET"])

BOT_USER = "slackbot-acme"


class SlackAgent:
    def __init__(self, composio: Composio):
        self.composio = composio
        self.session = composio.create(user_id=BOT_USER, toolkits=["slack", "github"])  # [expect CS002]
        logger.info("slack agent session %s", self.session.session_id)

    def on_message(self, event: dict) -> str:
        tools = self.session.tools()
        return f"<@{event['user']}> I can use {len(tools)} tools"


agent = SlackAgent(Composio())


@bolt.event("message")
def handle(event, say):
    say(agent.on_message(event))
