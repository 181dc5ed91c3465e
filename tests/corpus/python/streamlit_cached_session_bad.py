"""Streamlit internal tool: ask questions about your Google Drive."""
import logging

import streamlit as st

from composio import Composio

from drive_agent import ask

log = logging.getLogger("drive-app")


@st.cache_resource(show_spinner=False)
def get_composio() -> Composio:
    return Composio()


@st.cache_resource(ttl=3600)  # [expect CS003]
def get_session(user_id: str):
    session = get_composio().create(user_id=user_id, toolkits=["googledrive"])
    log.info("drive session %s for %s", session.session_id, user_id)
    return session


st.set_page_config(page_title="Drive Q&A")
st.header("Ask your Drive")

user_id = st.text_input("Your workspace user id", key="uid")
question = st.text_area("Question")

if st.button("Ask") and user_id and question:
    session = get_session(user_id)
    with st.spinner("Thinking..."):
        st.write(ask(question, tools=session.tools()))
