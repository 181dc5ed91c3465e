"""Claude agent with personal (user) and team (org) tool sessions."""
from __future__ import annotations

import logging
from typing import Any

import anthropic

from composio import Composio
from composio_anthropic import AnthropicProvider

logger = logging.getLogger("hybrid-agent")


class HybridAgent:
    def __init__(self, composio: Composio, model: str = "claude-sonnet-4-5"):
        self.composio = composio
        self.model = model
        self.claude = anthropic.AsyncAnthropic()

    async def run(self, user: Any, prompt: str) -> str:
        personal = self.composio.create(user_id=user.id, toolkits=["gmail"])
        logger.info("personal session %s", personal.session_id)

        team = self.composio.create(  # [expect CS004]
            user_id=f"org_{user.organization_id}",
            toolkits=["slack", "jira"],
        )
        logger.info("team tools ready for org %s", user.organization_id)

        tools = personal.tools() + team.tools()
        messages: list[dict] = [{"role": "user", "content": prompt}]
        while True:
            response = await self.claude.messages.create(
                model=self.model, max_tokens=1500, tools=tools, messages=messages
            )
            if response.stop_reason != "tool_use":
                return "".join(b.text for b in response.content if b.type == "text")
            messages.append({"role": "assistant", "content": response.content})
            results = []
            for block in response.content:
                if block.type != "tool_use":
                    continue
                target = personal if block.name.startswith("GMAIL_") else team
                out = target.execute(block.name, arguments=block.input)
                results.append({"type": "tool_result", "tool_use_id": block.id, "content": str(out)})
            messages.append({"role": "user", "content": results})
