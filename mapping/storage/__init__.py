"""The case store and keeping it safe.

store (one SQLite file through sqlite-utils: schema, migrations, revisions,
history, snapshots; nothing outside this module knows the database) and
safekeeping (encryption with SQLCipher, checked backups and restores).

May import: ``mapping.core`` and ``mapping.formats`` (a case is stored and
backed up as its JSON document); never access or services: the access guard
wraps the store from above.
"""
