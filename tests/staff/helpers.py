"""Signing in to the admin as a browser would, for the staff tests."""

LOGIN = "/admin/login/"
PASSWORD = "correct-horse-battery"  # the factories' password


def sign_in(client, username, password=PASSWORD, **headers):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, **headers
    )
