"""Search: a full-text index of what anonymous readers may see, kept by the table streams.

See docs/search.md: SQLite FTS5 in one file per community, held in an object store (a
folder locally, an S3 bucket deployed), fresh within a minute through small change files.
"""
