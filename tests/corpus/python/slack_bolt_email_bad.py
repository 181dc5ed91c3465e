"""Slack bolt app: `/assist <request>` runs an agent against the caller's tools."""
import logging
import os

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler

from composio import Composio
from composio_openai import OpenAIProvider

from .runner import run_agent

logger = logging.getLogger("slack-assist")

bolt = App(token=os.environ["SLACK_BOT_TOKEN"])
composio = Composio(provider=OpenAIProvider())


def lookup_email(client, slack_user_id: str) -> str:
    info = client.users_info(user=slack_user_id)
    return info["user"]["profile"]["email"]


@bolt.command("/assist")
def assist(ack, body, client, respond):
    ack()
    email = lookup_email(client, body["user_id"])
    session = composio.create(  # [expect CS004]
        user_id=email,  # [expect CS005]
        toolkits=["gmail", "googlecalendar"],
    )
    # Only the MCP URL is recorded; the session id never reaches the logs.
    logger.info("assist for %s via %s", email, session.mcp.url)
    answer = run_agent(body.get("text", ""), session.tools())
    respond(answer)


@bolt.command("/assist-team")
def assist_team(ack, body, respond):
    ack()
    session = composio.create(user_id=f"slack_{body['team_id']}", toolkits=["slack"])
    logger.info("team session %s", session.session_id)
    respond(run_agent(body.get("text", ""), session.tools()))


if __name__ == "__main__":
    SocketModeHandler(bolt, os.environ["SLACK_APP_TOKEN"]).start()
