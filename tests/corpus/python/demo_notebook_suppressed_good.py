"""Investor demo: summarize the Hacker News front page.

This is a single-user demo, so "default" is acceptable here; the project suppresses
the rule inline for this file's one call.
"""
from composio import Composio
from composio_openai import OpenAIProvider
from openai import OpenAI

openai_client = OpenAI()
composio = Composio(provider=OpenAIProvider())

session = composio.create(
    # composio-lint: ignore[CS001] -- single-user investor demo
    user_id="default",
    toolkits=["hackernews"],
)
print("demo session:", session.session_id)

tools = session.tools()
completion = openai_client.chat.completions.create(
    model="gpt-4o-mini",
    tools=tools,
    messages=[{"role": "user", "content": "Summarize today's top 5 HN stories."}],
)
result = composio.provider.handle_tool_calls(response=completion, user_id="demo-investor")
print(result)
print(completion.choices[0].message.content)
