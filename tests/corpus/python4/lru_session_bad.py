"""Discord bot that answers questions from a team's Notion workspace."""
import functools
import logging
import os

import discord
from discord import app_commands

from composio import Composio

log = logging.getLogger("discord.notion")

intents = discord.Intents.default()
intents.message_content = True
bot = discord.Client(intents=intents)
tree = app_commands.CommandTree(bot)


@functools.lru_cache(maxsize=1)
def composio_client() -> Composio:
    # One long-lived SDK client per process.
    return Composio(api_key=os.environ["COMPOSIO_API_KEY"])


@functools.lru_cache(maxsize=256)  # [expect CS003]
def notion_session(member_id: str):
    session = composio_client().create(user_id=member_id, toolkits=["notion"])
    log.info("notion session %s for member %s", session.session_id, member_id)
    return session


def _format(pages: list[dict]) -> str:
    if not pages:
        return "Nothing found."
    return "\n".join(f"- {p.get('title', 'untitled')}" for p in pages[:10])


@tree.command(name="notion", description="Search our Notion")
@app_commands.describe(query="What to look for")
async def notion_search(interaction: discord.Interaction, query: str):
    await interaction.response.defer(thinking=True)
    session = notion_session(str(interaction.user.id))
    tools = session.tools()
    log.debug("loaded %d tools", len(tools))
    pages = await _search_pages(tools, query)
    thread = await interaction.channel.create_thread(name=f"notion: {query[:40]}")
    await thread.send(_format(pages))
    await interaction.followup.send(f"Results are in {thread.mention}")


async def _search_pages(tools, query: str) -> list[dict]:
    # Real implementation hands the tools to an LLM; trimmed here.
    return []


@bot.event
async def on_ready():
    await tree.sync()
    log.info("logged in as %s", bot.user)


if __name__ == "__main__":
    bot.run(os.environ["DISCORD_TOKEN"])
