"""What makes an email address one we can send to: shared by sign-up and digest subscriptions."""


def normalise_email(text):
    """:return: (normalised address, None) or (None, message). No DNS look-up."""
    # Imported on first use: only sign-up and email forms need it, not a cold start.
    from email_validator import EmailNotValidError, validate_email

    if not text:
        return None, "Enter your email address."
    try:
        checked = validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        return None, "Enter an email address like name@example.org."
    return checked.normalized, None
