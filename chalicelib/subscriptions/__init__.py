"""Following threads, digest subscriptions, unsubscribing and bounce handling."""
