"""Find peers: the sparse listing of members open to new correspondence.

Each available member has one PeerListing row per filter they match (everyone, their
stage, each of their classes, each class with their stage), so any filter combination is
one Query of exactly one partition, already sorted further-along-first, and a member who
turns availability off simply has no rows. A page is 1 Query + 1 BatchGetItem.
"""
from chalicelib.platform import pagination
from chalicelib.models.profiles import PeerListing, Profile
from chalicelib.profiles import stages

LISTING_KEY_NAMES = ["listing", "rank_key"]
PAGE_SIZE = 20


def listing_name(medication_class="", stage=""):
    parts = []
    if medication_class:
        parts.append(f"class:{medication_class}")
    if stage:
        parts.append(f"stage:{stage}")
    return "|".join(parts) or "all"


def rows_for(profile):
    """The (listing, rank_key) rows ``profile`` should have right now (none when closed)."""
    if not profile or not profile.open_to_new:
        return set()
    stage = profile.stage if stages.is_known(profile.stage) else ""
    rank_key = f"{stages.rank_prefix(stage)}#{profile.member_id}"
    names = {listing_name()}
    if stage:
        names.add(listing_name(stage=stage))
    for medication_class in profile.medication_classes or []:
        names.add(listing_name(medication_class))
        if stage:
            names.add(listing_name(medication_class, stage))
    return {(name, rank_key) for name in names}


def find_peers(medication_class="", stage="", cursor="", exclude_member_id=None,
               size=PAGE_SIZE):
    """One page of available members matching the filters, further along first.

    :return: (profiles, next cursor or None)
    :raise BadRequest: for a damaged cursor.
    """
    name = listing_name(medication_class, stage)

    def run(limit, last_evaluated_key):
        return PeerListing.query(name, limit=limit, last_evaluated_key=last_evaluated_key)

    rows, next_cursor = pagination.fetch_page(run, LISTING_KEY_NAMES, cursor, size)
    wanted = [row.member_id for row in rows if row.member_id != exclude_member_id]
    found = {profile.member_id: profile for profile in Profile.batch_get(wanted)} \
        if wanted else {}
    # The listing is rewritten with the profile in one transaction, but re-checking the
    # base item costs nothing here and keeps a closed profile off the page regardless.
    profiles = [found[member_id] for member_id in wanted
                if member_id in found and found[member_id].open_to_new]
    return profiles, next_cursor
