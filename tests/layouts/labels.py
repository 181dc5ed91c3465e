from composio import Composio

composio = Composio()
sessions = {}


def nested(user_id: str):
    s = composio.create(user_id="default")
    print(s.session_id)


def adjacent(user_id: str):
    sessions[user_id] = composio.create(user_id=user_id)


def multi_line(user):
    s = composio.create(
        toolkits=["gmail"],
        user_id=user.email,
    )
    print(s.session_id)
