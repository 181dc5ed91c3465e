"""Streamlit chat UI. The Composio client is cached process-wide (fine); the session
id is kept in this browser tab's state and reopened with composio.use()."""
import logging

import streamlit as st

from composio import Composio
from composio_openai import OpenAIProvider

from agent import answer

logger = logging.getLogger("streamlit.chat")


@st.cache_resource
def get_composio() -> Composio:
    return Composio(provider=OpenAIProvider())


def current_session(user_id: str):
    composio = get_composio()
    sid = st.session_state.get("composio_session_id")
    if sid:
        session = composio.use(sid)
    else:
        session = composio.create(user_id=user_id, toolkits=["gmail", "googledrive"])
        st.session_state["composio_session_id"] = session.session_id
    logger.info("tab uses composio session %s", session.session_id)
    return session


st.title("Workspace assistant")
user = st.experimental_user
if not user.is_logged_in:
    st.login()
    st.stop()

session = current_session(user.sub)
for msg in st.session_state.setdefault("messages", []):
    st.chat_message(msg["role"]).write(msg["content"])

if prompt := st.chat_input("Ask about your email or files"):
    st.session_state["messages"].append({"role": "user", "content": prompt})
    reply = answer(prompt, tools=session.tools())
    st.session_state["messages"].append({"role": "assistant", "content": reply})
    st.rerun()
