"""OpenAI Agents SDK app exposing a few Composio-backed function tools."""
from __future__ import annotations

from agents import Agent, Runner, function_tool

from composio import Composio

SERVICE_ACCOUNT = "default"  # [expect CS001]

composio = Composio()
session = composio.create(user_id=SERVICE_ACCOUNT, toolkits=["googlesheets", "gmail"])  # [expect CS002] [expect CS004]


@function_tool
def append_row(spreadsheet_id: str, values: list[str]) -> str:
    """Append a row to a Google Sheet."""
    result = session.execute(
        "GOOGLESHEETS_SPREADSHEETS_VALUES_APPEND",
        arguments={"spreadsheetId": spreadsheet_id, "range": "A1", "values": [values]},
    )
    return "ok" if result.get("successful") else result.get("error", "failed")


@function_tool
def draft_email(to: str, subject: str, body: str) -> str:
    """Create a Gmail draft (the address is a tool argument)."""
    session.execute("GMAIL_CREATE_EMAIL_DRAFT", arguments={"recipient_email": to, "subject": subject, "body": body})
    return "drafted"


agent = Agent(
    name="Ops helper",
    instructions="Log requests in the tracker sheet and draft follow-up emails.",
    tools=[append_row, draft_email],
)


async def run_for_user(user_id: str, prompt: str) -> str:
    # Audit trail row goes into the shared tracker sheet before the agent runs.
    session.execute(
        "GOOGLESHEETS_SPREADSHEETS_VALUES_APPEND",
        arguments={"spreadsheetId": "audit", "range": "A1", "values": [[user_id, prompt]]},
    )
    result = await Runner.run(agent, f"[requested by {user_id}] {prompt}")
    return result.final_output
