#!/usr/bin/env python3
"""Nightly sync script: copies open GitHub issues into Linear for ONE account.

Run as:  python sync_issues.py --user-id usr_7f3a9c --repo acme/api
One process run == one user, so the session is created once at the top.
"""
import argparse
import sys

from composio import Composio

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--user-id", required=True, help="Composio user id (never 'default')")
parser.add_argument("--repo", required=True)
parser.add_argument("--team", default="ENG")
args = parser.parse_args()

composio = Composio()
session = composio.create(user_id=args.user_id, toolkits=["github", "linear"])
print(f"[sync] composio session {session.session_id}", file=sys.stderr)


def main() -> int:
    owner, name = args.repo.split("/", 1)
    listing = session.execute(
        "GITHUB_LIST_REPOSITORY_ISSUES",
        arguments={"owner": owner, "repo": name, "state": "open"},
    )
    issues = listing.get("data", [])
    for issue in issues:
        session.execute(
            "LINEAR_CREATE_LINEAR_ISSUE",
            arguments={
                "team_key": args.team,
                "title": issue["title"],
                "description": issue.get("body") or "",
            },
        )
    print(f"copied {len(issues)} issues", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
