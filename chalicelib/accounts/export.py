"""Export my data: everything Lantern keeps about a member, as one JSON document.

One line per domain: a module that stores member data adds its section here.
"""
from chalicelib.core import clock
from chalicelib.accounts import authorship
from chalicelib.correspondence import privacy as correspondence
from chalicelib.journal import export as journal
from chalicelib.subscriptions import member_data as subscriptions


def profile(member):
    return {"handle": member.handle, "email": member.email, "role": member.role,
            "email_verified": member.email_verified, "created_at": member.created_at.isoformat(),
            "consented_at": member.consented_at.isoformat() if member.consented_at else None}


def build_export(member, now):
    data = {"format": "lantern-export-1", "exported_at": clock.iso(now)}
    data["profile"] = profile(member)
    data["threads"] = authorship.export_threads(member)
    data["posts"] = authorship.export_posts(member)
    data["subscriptions"] = subscriptions.export_member(member)
    data["correspondence"] = correspondence.export_for(member)
    data["journal"] = journal.export_for(member.member_id)
    return data
