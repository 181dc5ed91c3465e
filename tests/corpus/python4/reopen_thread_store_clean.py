"""Chat threads that keep their Composio session across turns (Flask + SQLAlchemy)."""
import logging

from flask import Flask, g, jsonify, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import select

from composio import Composio

logger = logging.getLogger(__name__)

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql+psycopg://localhost/chat"
db = SQLAlchemy(app)


class ThreadRow(db.Model):
    __tablename__ = "chat_thread"
    thread_id = db.Column(db.String(64), primary_key=True)
    user_id = db.Column(db.String(64), index=True, nullable=False)
    session_id = db.Column(db.String(64), nullable=False)


class ComposioThreads:
    def __init__(self, composio_client: Composio):
        self.composio = composio_client
        # user id -> most recent session *id*, used for the "continue" button
        self._recent: dict[str, str] = {}

    def resume_or_start(self, user_id: str, thread_id: str):
        row = db.session.execute(
            select(ThreadRow).filter_by(thread_id=thread_id, user_id=user_id)
        ).scalar_one_or_none()
        if row is not None:
            session = self.composio.use(row.session_id)
            logger.info("resumed thread=%s session=%s", thread_id, session.session_id)
        else:
            session = self.composio.create(user_id=user_id, toolkits=["gmail", "slack"])
            logger.info("new thread=%s session=%s", thread_id, session.session_id)
            db.session.add(
                ThreadRow(thread_id=thread_id, user_id=user_id, session_id=session.session_id)
            )
            db.session.commit()
        self._recent[user_id] = session.session_id
        return session

    def last_session_id(self, user_id: str):
        return self._recent.get(user_id)


threads = ComposioThreads(Composio())


@app.post("/threads/<thread_id>/messages")
def post_message(thread_id: str):
    session = threads.resume_or_start(g.user.id, thread_id)
    text = request.get_json(force=True)["text"]
    tools = session.tools()
    return jsonify(thread=thread_id, received=text, tools=len(tools))


@app.get("/threads/continue")
def continue_last():
    sid = threads.last_session_id(g.user.id)
    return jsonify(session_id=sid)
