"""Customer-support bot shared by every customer in the help-center widget."""
from __future__ import annotations

import logging
from dataclasses import dataclass

from composio import Composio

logger = logging.getLogger("support")

SUPPORT_TOOLKITS = ["zendesk", "hubspot"]


@dataclass
class Ticket:
    customer_id: str
    subject: str
    body: str


class SupportBot:
    """One instance per process; handles tickets from all customers."""

    def __init__(self, composio: Composio):
        self._composio = composio
        self._session = self._composio.create(  # [expect CS002]
            user_id="support-bot",
            toolkits=SUPPORT_TOOLKITS,
        )
        logger.info("support bot session %s", self._session.session_id)

    def handle(self, ticket: Ticket) -> dict:
        logger.info("ticket from customer %s", ticket.customer_id)
        return self._session.execute(
            "ZENDESK_CREATE_ZENDESK_TICKET",
            arguments={"subject": ticket.subject, "description": ticket.body},
        )

    def lookup_customer(self, customer_id: str) -> dict:
        return self._session.execute(
            "HUBSPOT_GET_CONTACT",
            arguments={"contact_id": customer_id},
        )


bot = SupportBot(Composio())


def on_widget_message(customer_id: str, subject: str, body: str) -> dict:
    return bot.handle(Ticket(customer_id, subject, body))
