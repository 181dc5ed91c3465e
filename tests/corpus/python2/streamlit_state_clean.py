"""Streamlit chat app: st.session_state is per browser tab, not shared across users."""
import logging

import streamlit as st

from composio import Composio

from auth import login

logger = logging.getLogger(__name__)
composio = Composio()


def current_session():
    if "composio_session" not in st.session_state:
        session = composio.create(user_id=st.session_state["user_id"], toolkits=["gmail"])
        logger.info("streamlit composio session %s", session.session_id)
        st.session_state["composio_session"] = session
    return st.session_state["composio_session"]


if "user_id" not in st.session_state:
    st.session_state["user_id"] = login()

st.title("Inbox assistant")
prompt = st.chat_input("Ask about your email")
if prompt:
    tools = current_session().tools()
    st.chat_message("assistant").write(f"{len(tools)} tools ready for: {prompt}")
