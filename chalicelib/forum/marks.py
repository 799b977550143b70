"""Marks that features above the forum keep on a thread (care's unanswered, newcomer and
greeting keys), written through the forum, which owns thread items.

Care reacts to the forum's streams (chalicelib/care) and writes only the attributes in
``MARKS``, always conditioned on the thread existing, so a late or repeated stream record
can neither create a thread from nothing nor touch the forum's own attributes.
"""
import random

from pynamodb.exceptions import TransactWriteError, UpdateError

from chalicelib.models import writes
from chalicelib.models.forum import (CATEGORY_PARTITION, SITE_STATS_SHARDS, Category, Thread,
                                     site_stats_shard)

MARKS = ("unanswered", "answered_at", "newcomer_feed", "newcomer_key", "greeting_due",
         "greeters_told_at")


def _condition(present, absent, equal, unequal):
    condition = Thread.thread_id.exists()
    for name in present:
        condition &= getattr(Thread, name).exists()
    for name in absent:
        condition &= getattr(Thread, name).does_not_exist()
    for name, value in (equal or {}).items():
        condition &= getattr(Thread, name) == value
    for name, value in (unequal or {}).items():
        condition &= getattr(Thread, name) != value
    return condition


def _actions(set_values, remove):
    unknown = (set(set_values or {}) | set(remove)) - set(MARKS)
    if unknown:
        raise ValueError(f"not a mark the forum lets others write: {sorted(unknown)}")
    return ([getattr(Thread, name).set(value) for name, value in (set_values or {}).items()]
            + [getattr(Thread, name).remove() for name in remove])


def write_marks(thread_id, set_values=None, remove=(), present=(), absent=(), equal=None,
                unequal=None, unanswered_change=0):
    """Set and remove marks on one thread if it exists and every condition holds.

    ``present``/``absent`` name attributes that must (not) exist, ``equal``/``unequal``
    map attributes to values they must (not) have. With ``unanswered_change`` the site's
    unanswered count moves by it in the same transaction, so the count moves exactly
    once per mark that comes or goes.
    :return: True if written, False if a condition did not hold.
    :raise ValueError: for an attribute that is not in ``MARKS``.
    """
    target = Thread(thread_id=thread_id)
    condition = _condition(present, absent, equal, unequal)
    actions = _actions(set_values, remove)
    try:
        if not unanswered_change:
            target.update(condition=condition, actions=actions)
            return True
        with writes.transaction() as write:
            write.update(target, condition=condition, actions=actions)
            shard = site_stats_shard(random.randrange(SITE_STATS_SHARDS))
            write.update(Category(CATEGORY_PARTITION, shard),
                         actions=[Category.unanswered_count.add(unanswered_change)])
        return True
    except (UpdateError, TransactWriteError) as error:
        if writes.condition_failed(error):
            return False
        raise
