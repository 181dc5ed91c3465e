"""Telegram assistant bot (python-telegram-bot v21)."""
from __future__ import annotations

import logging
import os

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from composio import Composio

from .agent import respond

logger = logging.getLogger(__name__)
composio = Composio()

# user id -> live Composio session, so we "don't pay" for a new session per message
SESSIONS: dict[str, object] = {}


async def get_or_create_session(uid: str):
    session = SESSIONS.get(uid)
    if session is None:
        session = composio.create(user_id=uid, toolkits=["todoist", "googlecalendar"])
        logger.info("telegram user %s -> session %s", uid, session.session_id)
        SESSIONS[uid] = session  # [expect CS003]
    return session


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    uid = str(update.effective_user.id)
    session = await get_or_create_session(uid)
    reply = await respond(update.message.text, session.tools())
    await update.message.reply_text(reply)


async def on_forget(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    SESSIONS.pop(str(update.effective_user.id), None)
    await update.message.reply_text("Forgot your session.")


def main() -> None:
    application = Application.builder().token(os.environ["TG_TOKEN"]).build()
    application.add_handler(MessageHandler(filters.Regex("^/forget$"), on_forget))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, on_text))
    application.run_polling(allowed_updates=Update.ALL_TYPES)


if __name__ == "__main__":
    main()
