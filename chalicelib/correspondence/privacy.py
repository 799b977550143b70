"""Export and deletion: one's own letters leave with one's data, and go with one's account."""
from chalicelib.core import clock
from chalicelib.correspondence import ending
from chalicelib.forum.authorship import FORMER_MEMBER_HANDLE, FORMER_MEMBER_ID
from chalicelib.models import writes
from chalicelib.models.correspondence import Correspondence, CorrespondenceLink, Letter
from chalicelib.profiles import editing, stages


def export_for(member):
    """The member's peer profile, correspondences and the letters they wrote (never the
    other member's letters: those are the other member's data)."""
    profile = editing.profile_of(member.member_id)
    links = list(CorrespondenceLink.query(member.member_id))
    letters = list(Letter.letters_by_author.query(member.member_id))
    handles = {link.correspondence_id: link.other_handle for link in links}
    return {
        "peer_profile": {
            "bio": profile.bio, "medication_classes": list(profile.medication_classes or []),
            "stage": stages.label(profile.stage) or None, "year_started": profile.year_started,
            "open_to_new_correspondence": bool(profile.open_to_new),
            "availability_note": profile.availability_note,
            "limit_of_open_correspondences": profile.max_open,
            "letter_notifications": profile.letter_notifications,
            "letters_in_full_by_email": bool(profile.letters_in_full),
        },
        "correspondences": [
            {"with": link.other_handle, "you_asked": link.direction == "sent",
             "status": _status_for(link), "last_activity": link.updated_at.isoformat()}
            for link in links],
        "letters": [
            {"to": handles.get(letter.correspondence_id), "written_at": clock.iso(letter.created_at),
             "text": letter.body_source}
            for letter in letters],
    }


def _status_for(link):
    # A quiet decline stays quiet in the asker's export too.
    if link.status == "not_available":
        return "not available" if link.direction == "sent" else "declined"
    return link.status


def delete_for(member, now=None):
    """End every request and correspondence, delete the member's letters, links, profile.

    The other member keeps their own letters and sees the correspondence as ended.
    :return: how many letters were deleted.
    """
    now = now or clock.utcnow()
    for link in CorrespondenceLink.query(member.member_id, consistent_read=True):
        try:
            correspondence = Correspondence.get(link.correspondence_id, consistent_read=True)
        except Correspondence.DoesNotExist:
            correspondence = None
        if correspondence is not None:
            ending.end(correspondence, now, reason="account_deleted")
            _leave(correspondence, member)
        link.delete()
    deleted = 0
    with Letter.batch_write() as batch:
        for letter in Letter.letters_by_author.query(member.member_id):
            batch.delete(Letter(correspondence_id=letter.correspondence_id,
                                letter_id=letter.letter_id))
            deleted += 1
    editing.remove_profile(member.member_id)
    return deleted


def export_member_data(member):
    return {"correspondence": export_for(member)}


def delete_member_data(member, now, keep_posts):
    delete_for(member, now)


def _leave(correspondence, member):
    """The other member keeps the ended correspondence, with a "former member" on the
    departed side: their id, handle and introduction go (safe to run again)."""
    if member.member_id == correspondence.asker_id:
        side, other_id = "asker", correspondence.recipient_id
        # The introduction is the member's own writing too.
        actions = [Correspondence.intro_source.set(""), Correspondence.intro_html.set("")]
    elif member.member_id == correspondence.recipient_id:
        side, other_id, actions = "recipient", correspondence.asker_id, []
    else:
        return
    correspondence.update(actions=actions + [
        getattr(Correspondence, f"{side}_id").set(FORMER_MEMBER_ID),
        getattr(Correspondence, f"{side}_handle").set(FORMER_MEMBER_HANDLE)])
    try:
        kept = CorrespondenceLink.get(other_id, member.member_id, consistent_read=True)
    except CorrespondenceLink.DoesNotExist:
        return
    # The departed member's id is the link's sort key: the link moves to a key of its own.
    renamed = CorrespondenceLink(**{**kept.attribute_values,
                                    "other_id": f"{FORMER_MEMBER_ID}#{kept.correspondence_id}",
                                    "other_handle": FORMER_MEMBER_HANDLE})
    if renamed.last_letter_by == member.member_id:
        renamed.last_letter_by = FORMER_MEMBER_ID
    with writes.transaction() as transaction:
        transaction.delete(kept)
        transaction.save(renamed)
