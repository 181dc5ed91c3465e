from composio import Composio

composio = Composio()


def sync_repos(claims: dict):
    email_address = claims["email"]
    return composio.tools.execute(
        "GITHUB_LIST_REPOSITORIES_FOR_THE_AUTHENTICATED_USER",
        user_id=email_address,  # [expect CS005]
        arguments={"per_page": 50},
    )


def connect_gmail(current_user):
    return composio.toolkits.authorize(user_id=current_user.email, toolkit="gmail")  # [expect CS005]


def watch_commits(repo: str):
    return composio.triggers.create(
        slug="GITHUB_COMMIT_EVENT",
        user_id="release-bot@acme.io",  # [expect CS005]
        trigger_config={"owner": "acme", "repo": repo},
    )


def send_welcome(current_user):
    return composio.tools.execute(
        "GMAIL_SEND_EMAIL",
        user_id=current_user.id,
        arguments={"recipient_email": current_user.email, "subject": "Welcome", "body": "Hi!"},
    )
