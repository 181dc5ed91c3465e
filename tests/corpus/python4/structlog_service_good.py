"""Billing assistant: drafts and sends receipts on behalf of a customer."""
from __future__ import annotations

from dataclasses import dataclass

import stripe
import structlog

from composio import Composio

logger = structlog.get_logger(__name__)


@dataclass
class Customer:
    id: str
    email: str
    display_name: str
    plan: str = "default"


class BillingAssistant:
    def __init__(self, composio: Composio, stripe_client: stripe.StripeClient):
        self._composio = composio
        self._stripe = stripe_client

    def open_session(self, customer: Customer):
        session = self._composio.create(user_id=customer.id, toolkits=["gmail"])
        bound = logger.bind(session_id=session.session_id, customer=customer.id)
        bound.info("billing session opened", plan=customer.plan)
        return session, bound

    def send_receipt(self, customer: Customer, invoice_id: str) -> dict:
        invoice = self._stripe.invoices.retrieve(invoice_id)
        email_address = customer.email
        body = (
            f"Hi {customer.display_name},\n\n"
            f"Thanks for your payment of {invoice.amount_paid / 100:.2f} {invoice.currency.upper()}."
        )
        result = self._composio.tools.execute(
            "GMAIL_SEND_EMAIL",
            user_id=customer.id,
            arguments={
                "recipient_email": email_address,
                "subject": f"Receipt {invoice.number}",
                "body": body,
            },
        )
        logger.info("receipt sent", invoice=invoice_id, customer=customer.id)
        return result

    def ensure_stripe_customer(self, customer: Customer):
        existing = self._stripe.customers.search(params={"query": f"email:'{customer.email}'"})
        if existing.data:
            return existing.data[0]
        return self._stripe.customers.create(
            params={"email": customer.email, "metadata": {"app_user": customer.id}}
        )


def build_assistant() -> BillingAssistant:
    return BillingAssistant(Composio(), stripe.StripeClient("sk_test_placeholder"))
