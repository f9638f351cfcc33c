"""The case store and keeping it safe.

store (every case in one database: schema, migrations, revisions, history,
snapshots; nothing outside this folder knows which database it is), backends
(the two databases the store runs on: a SQLite file through sqlite-utils, or
PostgreSQL through psycopg 3 and a connection pool, chosen by the URL),
transfer (``casemap migrate-db``: a whole database moved and checked case by
case) and safekeeping (encryption with SQLCipher, checked backups and
restores of a SQLite file; PostgreSQL has pg_dump).

May import: ``mapping.core`` and ``mapping.formats`` (a case is stored and
backed up as its JSON document); never access or services: the access guard
wraps the store from above.
"""
