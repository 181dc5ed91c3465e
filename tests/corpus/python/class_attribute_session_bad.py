"""Release-notes helper used by the deploy webhook handlers."""
import logging

from composio import Composio

log = logging.getLogger(__name__)
composio = Composio()

RELEASE_BOT = "release-bot"


class ReleaseNotes:
    # Class-level session: built once at import, shared by every instance.
    session = composio.create(user_id=RELEASE_BOT, toolkits=["github", "notion"])  # [expect CS002] [expect CS004]

    def __init__(self, repo: str):
        self.repo = repo

    def draft(self, tag: str) -> str:
        owner, name = self.repo.split("/", 1)
        commits = self.session.execute(
            "GITHUB_LIST_COMMITS",
            arguments={"owner": owner, "repo": name, "sha": tag},
        )
        lines = [f"- {c['commit']['message'].splitlines()[0]}" for c in commits.get("data", [])]
        return "\n".join(lines)

    def publish(self, tag: str, page_id: str) -> None:
        body = self.draft(tag)
        self.session.execute(
            "NOTION_APPEND_BLOCK_CHILDREN",
            arguments={"block_id": page_id, "content": body},
        )
        log.info("published notes for %s@%s", self.repo, tag)


def on_deploy(event: dict) -> None:
    notes = ReleaseNotes(event["repository"]["full_name"])
    notes.publish(event["release"]["tag_name"], event["notion_page"])
