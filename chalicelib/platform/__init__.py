"""Services every feature shares over the data layer: sessions, mail, rendering, members, rate limits, pagination."""
