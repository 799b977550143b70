"""Building the emails members send back, as mail clients write them."""
from email.message import EmailMessage
from email.utils import make_msgid

QUOTE_HEADER = "On Mon, 30 Nov 2026 at 07:00, Lantern <no-reply@lantern.test> wrote:"
QUOTED = "> The letter they answer, which must not be posted again."


def reply_email(to, sender, body, message_id=None, subject="Re: your letter", html=None,
                attachment=None, quoted=True, signature="Best,\nSam\n-- \nSent from my phone"):
    """A reply: the new text, a signature, then the quoted email under its header line."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = message_id or make_msgid(domain="example.org")
    text = body
    if signature:
        text += "\n\n" + signature
    if quoted:
        text += f"\n\n{QUOTE_HEADER}\n{QUOTED}\n"
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    if attachment is not None:
        message.add_attachment(attachment, maintype="image", subtype="jpeg",
                               filename="photo.jpg")
    return message.as_bytes(policy=message.policy.clone(linesep="\r\n"))  # as sent over SMTP


def html_only_email(to, sender, html, message_id=None):
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = "Re: your letter"
    message["Message-ID"] = message_id or make_msgid(domain="example.org")
    message.set_content(html, subtype="html")
    return message.as_bytes()
