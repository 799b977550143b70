"""One botocore client per AWS service per process (docs/pitfalls.md #17, issue 16 item 1)."""
import botocore.session
import pytest

from chalicelib.core import aws
from chalicelib.subscriptions import queue


@pytest.fixture
def created(monkeypatch):
    services = []
    original = botocore.session.Session.create_client

    def counting(self, service_name, *args, **kwargs):
        services.append(service_name)
        return original(self, service_name, *args, **kwargs)

    monkeypatch.setattr(botocore.session.Session, "create_client", counting)
    aws.reset()
    yield services
    aws.reset()


def test_pages_posts_transactions_mail_and_queue_share_one_client_each(
        client, make, created):
    from email.message import EmailMessage

    from chalicelib.platform import mailer

    thread = make.thread()
    make.reply(thread)
    assert client.get(f"/t/{thread.thread_id}").status == 200
    assert client.get("/").status == 200
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "no-reply@lantern.test", \
        "someone@example.org", "Hello"
    message.set_content("Hello")
    mailer.send(message)
    mailer.send(message)
    queue.enqueue([{"kind": "test"}])
    queue.enqueue([{"kind": "test"}])
    assert created.count("dynamodb") == 1
    assert created.count("ses") == 1
    assert created.count("sqs") == 1


def test_a_reset_makes_the_next_client_afresh(created):
    first = aws.client("sqs")
    assert aws.client("sqs") is first
    aws.reset()
    assert aws.client("sqs") is not first
