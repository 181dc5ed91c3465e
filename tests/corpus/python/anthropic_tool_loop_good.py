"""Claude tool-use loop over Composio tools (direct tool execution, no sessions)."""
from __future__ import annotations

import logging

import anthropic
from composio import Composio
from composio_anthropic import AnthropicProvider

logger = logging.getLogger("claude_loop")

claude = anthropic.Anthropic()
composio = Composio(provider=AnthropicProvider())

SYSTEM = (
    "You are an executive assistant. When asked to send an email, use the Gmail tools. "
    "If no toolkit is specified, default to Gmail."
)


def run(user_id: str, prompt: str, cc_email: str | None = None, max_turns: int = 6) -> str:
    tools = composio.tools.get(user_id=user_id, toolkits=["GMAIL"], limit=20)
    messages: list[dict] = [{"role": "user", "content": prompt}]

    for turn in range(max_turns):
        response = claude.messages.create(
            model="claude-sonnet-4-5",
            max_tokens=2048,
            system=SYSTEM,
            tools=tools,
            messages=messages,
        )
        if response.stop_reason != "tool_use":
            return "".join(b.text for b in response.content if b.type == "text")

        results = composio.provider.handle_tool_calls(user_id=user_id, response=response)
        logger.debug("turn %d executed %d tool calls", turn, len(results))
        messages.append({"role": "assistant", "content": response.content})
        messages.append({"role": "user", "content": results})

    if cc_email:
        composio.tools.execute(
            "GMAIL_SEND_EMAIL",
            user_id=user_id,
            arguments={"recipient_email": cc_email, "subject": "Agent gave up", "body": prompt},
        )
    return "Sorry, I could not finish that."


def connect_gmail(user_id: str, auth_config_id: str) -> str:
    request = composio.connected_accounts.initiate(user_id=user_id, auth_config_id=auth_config_id)
    return request.redirect_url
