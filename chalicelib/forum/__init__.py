"""The forum: categories, threads and posts."""
