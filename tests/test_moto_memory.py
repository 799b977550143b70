"""Local runs and shared test worlds keep steady memory: after each DynamoDB request, moto's
record of every object it made is let go (docs/pitfalls.md #32)."""
from moto.dynamodb.models.table import Item, Table


def test_transactions_leave_no_copies_of_the_tables_behind(make):
    for number in range(5):
        make.member(handle=f"member{number}")  # each sign-up is a transaction
    assert Table.instances_tracked == [] and Item.instances_tracked == []
