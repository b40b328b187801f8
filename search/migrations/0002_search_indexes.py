# ruff: noqa: S608 -- DDL built from constants (table names), no outside input
"""The full-text indexes of ``SearchEntry``, which Django's model does not describe.

SQLite: a contentless FTS5 table ``site_search_fts`` (columns ``scope``, ``title``, ``body``;
``unicode61 remove_diacritics 2``; prefix indexes for 2, 3 and 4 letters; ``detail=column``: no
positions, which nothing here uses), kept in step with the entries by three triggers. ``scope`` holds one word, ``s<school id><visibility>``, so a search
for one school's public entries is a word of the match, not a filter after it.

PostgreSQL: the ``unaccent`` extension; a text search configuration ``vi_unaccent`` (``simple``
with ``unaccent`` first, as in docs/architecture.md); a generated ``tsvector`` column
``search_vector`` (the scope word, weight D; the folded title, A; the folded body, B) with a GIN
index. The portal runs on these two databases only.
"""

from django.db import migrations

FTS_TABLE = "site_search_fts"
ENTRY_TABLE = "site_search_searchentry"

SQLITE_FORWARD = [
    f"""CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(
        scope, title, body, content='', tokenize='unicode61 remove_diacritics 2',
        prefix='2 3 4', detail=column
    )""",
    f"""CREATE TRIGGER {FTS_TABLE}_insert AFTER INSERT ON {ENTRY_TABLE} BEGIN
        INSERT INTO {FTS_TABLE}(rowid, scope, title, body)
        VALUES (new.id, 's' || new.school_id || new.visibility, new.title_folded, new.body_folded);
    END""",
    f"""CREATE TRIGGER {FTS_TABLE}_delete AFTER DELETE ON {ENTRY_TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, scope, title, body)
        VALUES ('delete', old.id, 's' || old.school_id || old.visibility, old.title_folded,
                old.body_folded);
    END""",
    f"""CREATE TRIGGER {FTS_TABLE}_update AFTER UPDATE ON {ENTRY_TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, scope, title, body)
        VALUES ('delete', old.id, 's' || old.school_id || old.visibility, old.title_folded,
                old.body_folded);
        INSERT INTO {FTS_TABLE}(rowid, scope, title, body)
        VALUES (new.id, 's' || new.school_id || new.visibility, new.title_folded, new.body_folded);
    END""",
    # Entries written before this migration (none in a new database).
    f"""INSERT INTO {FTS_TABLE}(rowid, scope, title, body)
        SELECT id, 's' || school_id || visibility, title_folded, body_folded FROM {ENTRY_TABLE}""",
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_update",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_delete",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_insert",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    """DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'vi_unaccent') THEN
            CREATE TEXT SEARCH CONFIGURATION vi_unaccent (COPY = simple);
            ALTER TEXT SEARCH CONFIGURATION vi_unaccent
                ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
        END IF;
    END $$""",
    f"""ALTER TABLE {ENTRY_TABLE} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig, 's' || school_id::text || visibility), 'D')
        || setweight(to_tsvector('vi_unaccent'::regconfig, title_folded), 'A')
        || setweight(to_tsvector('vi_unaccent'::regconfig, body_folded), 'B')
    ) STORED""",
    f"CREATE INDEX site_search_entry_vector ON {ENTRY_TABLE} USING gin (search_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS site_search_entry_vector",
    f"ALTER TABLE {ENTRY_TABLE} DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, ()):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("site_search", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
