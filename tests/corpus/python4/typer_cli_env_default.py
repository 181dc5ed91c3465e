#!/usr/bin/env python3
"""Personal command-line agent: `agent run "triage my GitHub notifications"`."""
import logging as lg
import os
import sys

import typer

from composio import Composio

app = typer.Typer(help="Run a Composio-backed agent from the terminal.")
lg.basicConfig(level=lg.INFO, format="%(asctime)s %(levelname)s %(message)s")

USER_ID = os.getenv("COMPOSIO_USER_ID", "default")  # [expect CS001]
NOTIFY_TO = os.getenv("AGENT_NOTIFY", "me@example.com")

composio = Composio()


def _toolkits(raw: list[str]) -> list[str]:
    return [t.strip().lower() for t in raw if t.strip()]


@app.command()
def run(
    prompt: str,
    toolkit: list[str] = typer.Option(["github"], "--toolkit", "-t"),
    notify: bool = typer.Option(False, help="email a summary when done"),
):
    session = composio.create(user_id=USER_ID, toolkits=_toolkits(toolkit))
    lg.info("session %s started", session.session_id)
    tools = session.tools()
    typer.echo(f"{len(tools)} tools ready for: {prompt}")
    if notify:
        composio.tools.execute(
            "GMAIL_SEND_EMAIL",
            user_id=USER_ID,
            arguments={"recipient_email": NOTIFY_TO, "subject": "agent run", "body": prompt},
        )


@app.command("mcp-url")
def mcp_url(toolkit: list[str] = typer.Option(["github"], "--toolkit", "-t")):
    """Print an MCP URL to paste into an editor."""
    session = composio.create(user_id=USER_ID, toolkits=_toolkits(toolkit))  # [expect CS004]
    typer.echo(session.mcp.url)


@app.command()
def resume(session_id: str):
    session = composio.use(session_id)
    lg.info("resumed session %s", session.session_id)
    typer.echo(", ".join(sorted(t["function"]["name"] for t in session.tools())))


if __name__ == "__main__":
    sys.exit(app())
