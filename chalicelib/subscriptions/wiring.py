"""The subscriptions' registrations: the member data they keep."""
from chalicelib.platform import member_data

member_data.register("subscriptions",
                     export="chalicelib.subscriptions.member_data:export_member_data",
                     delete="chalicelib.subscriptions.member_data:delete_member_data",
                     models=("Subscriber", "Follow", "Suppression"))
