"""Morning digest: summarize my unread email and today's meetings, then DM it to me on Slack.

A personal cron job. It runs on my own machine, once a day, as my own Composio user:

    DIGEST_USER_ID=usr_7f3c2a python scripts/daily_digest.py
"""

import json
import os
import sys

from composio import Composio
from openai import OpenAI

DIGEST_USER_ID = os.environ["DIGEST_USER_ID"]
SLACK_TARGET = os.getenv("DIGEST_SLACK_TARGET", "@me")
MAX_TURNS = 8

composio = Composio()
llm = OpenAI()

session = composio.create(user_id=DIGEST_USER_ID, toolkits=["gmail", "googlecalendar", "slack"])
print(f"digest: tools served from {session.mcp.url}", file=sys.stderr)

PROMPT = (
    "Read my unread email from the last 24 hours and my calendar for today. "
    f"Write a short digest (top 5 emails, then meetings in order) and send it to {SLACK_TARGET} on Slack."
)


def main() -> int:
    tools = session.tools()
    messages = [{"role": "user", "content": PROMPT}]
    for _ in range(MAX_TURNS):
        response = llm.chat.completions.create(model="gpt-4.1-mini", messages=messages, tools=tools)
        reply = response.choices[0].message
        if not reply.tool_calls:
            print(reply.content)
            return 0
        results = composio.provider.handle_tool_calls(user_id=DIGEST_USER_ID, response=response)
        messages.append(reply)
        for call, result in zip(reply.tool_calls, results):
            messages.append({"role": "tool", "tool_call_id": call.id, "content": json.dumps(result)})
    print(f"digest: gave up after {MAX_TURNS} model turns", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
