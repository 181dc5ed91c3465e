"""Admin script: list GitHub connections and print the tool count for the local account."""
import argparse

from composio import Composio

SESSION_KWARGS = {
    "user_id": "default",  # [expect CS001]
    "toolkits": ["hackernews", "github"],
}

# canned API response used by --dry-run
FAKE_ACCOUNTS = [
    {"id": "ca_123", "user_id": "default", "status": "ACTIVE", "toolkit": "github"},
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()

    composio = Composio()
    session = composio.create(**SESSION_KWARGS)
    print("session:", session.session_id)
    print("tools:", len(session.tools()))

    if args.dry_run:
        accounts = FAKE_ACCOUNTS
    else:
        response = composio.connected_accounts.list(user_ids=["default"], toolkit_slugs=["github"])  # [expect CS001]
        accounts = [item.model_dump() for item in response.items]
    for account in accounts:
        print(account["id"], account["status"])


if __name__ == "__main__":
    main()
