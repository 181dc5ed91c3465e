from aiocache import Cache, cached

from composio import Composio

composio = Composio()


@cached(ttl=300, cache=Cache.MEMORY)  # [expect CS003]
async def get_session(user_id: str):
    return composio.create(user_id=user_id, toolkits=["slack"])  # [expect CS004]


async def on_message(user_id: str, text: str) -> dict:
    session = await get_session(user_id)
    return {"text": text, "tools": len(session.tools())}
