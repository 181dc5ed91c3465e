"""Telegram bot: one Composio session per chat (conversation), created from the
sender's Telegram user id and kept for that chat until /reset."""
import logging
import os

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes, MessageHandler, filters

from composio import Composio

from .agent import respond

logging.basicConfig(level=logging.INFO)
logger = logging.getLogger("tg-bot")

composio = Composio()
chat_sessions: dict[int, object] = {}


async def on_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat_id = update.effective_chat.id
    session = chat_sessions.get(chat_id)
    if session is None:
        session = composio.create(
            user_id=f"tg_{update.effective_user.id}",
            toolkits=["googletasks"],
        )
        logger.info("chat %s -> composio session %s", chat_id, session.session_id)
        chat_sessions[chat_id] = session
    reply = await respond(update.message.text, session.tools())
    await update.message.reply_text(reply)


async def reset(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    chat_sessions.pop(update.effective_chat.id, None)
    await update.message.reply_text("Started a fresh conversation.")


def main() -> None:
    app = Application.builder().token(os.environ["TELEGRAM_TOKEN"]).build()
    app.add_handler(CommandHandler("reset", reset))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, on_message))
    app.run_polling()


if __name__ == "__main__":
    main()
