import logging
from contextlib import aclosing

from composio import Composio

from .agent import agent

log = logging.getLogger(__name__)
composio = Composio()


async def stream_replies(user_id: str, thread_id: str, inbox):
    """One session per conversation: created once, used for every message of the thread."""
    async with aclosing(inbox) as messages:
        session = composio.create(user_id=user_id, toolkits=["slack"])
        log.info("thread %s uses session %s", thread_id, session.session_id)
        tools = session.tools()
        async for msg in messages:
            yield await agent.run(msg, tools)
