"""Discord bot that lets members run GitHub actions through Composio."""
import logging
import os

import discord
from discord.ext import commands

from composio import Composio

log = logging.getLogger("discord.composio")

intents = discord.Intents.default()
intents.message_content = True


class AgentBot(commands.Bot):
    def __init__(self):
        super().__init__(command_prefix="!", intents=intents)
        # One client for the whole bot; sessions are per command invocation.
        self.composio = Composio(api_key=os.environ["COMPOSIO_API_KEY"])

    async def session_for(self, member: discord.abc.User, *toolkits: str):
        session = self.composio.create(
            user_id=f"discord_{member.id}",
            toolkits=list(toolkits) or ["github"],
        )
        log.info("member=%s composio_session=%s", member.id, session.session_id)
        return session


bot = AgentBot()


@bot.command(name="issues")
async def list_issues(ctx: commands.Context, repo: str):
    session = await bot.session_for(ctx.author, "github")
    owner, name = repo.split("/", 1)
    result = session.execute(
        "GITHUB_LIST_REPOSITORY_ISSUES",
        arguments={"owner": owner, "repo": name, "state": "open"},
    )
    titles = [i["title"] for i in result.get("data", [])][:10]
    embed = discord.Embed(title=f"Open issues in {repo}", colour=discord.Colour.default())
    embed.description = "\n".join(titles) or "No open issues"
    await ctx.reply(embed=embed)


@bot.command(name="connect")
async def connect(ctx: commands.Context, toolkit: str = "github"):
    session = await bot.session_for(ctx.author, toolkit)
    request = session.authorize(toolkit)
    await ctx.author.send(f"Connect {toolkit}: {request.redirect_url}")


if __name__ == "__main__":
    bot.run(os.environ["DISCORD_TOKEN"])
