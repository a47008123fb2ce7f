-- The newsgraph store (SQLite). One row per article in `articles`; every layer of the output
-- record has a table keyed by article id, so users can query with plain SQL. `record` keeps the
-- whole output record as JSON so that export gives back exactly what analyze wrote.
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA foreign_keys = ON;

CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS articles (
  rowid        INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,
  url          TEXT,
  title        TEXT,
  published    TEXT,            -- YYYY-MM-DD
  language     TEXT,
  source       TEXT,
  story        TEXT NOT NULL,   -- story id shared by articles about the same happening
  duplicate_of TEXT,            -- id of the article this one copies, if any
  words        INTEGER NOT NULL,
  tone         REAL,
  text         TEXT NOT NULL,
  record       TEXT NOT NULL,   -- the output record (JSON), story/duplicate_of null
  features     TEXT NOT NULL    -- linker features (JSON), to rebuild the linker on reopen
);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);

CREATE TABLE IF NOT EXISTS stories (
  id          TEXT PRIMARY KEY,
  title       TEXT,            -- title of the first article
  first_seen  TEXT,
  last_seen   TEXT,
  articles    INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS entities (
  article_id  TEXT NOT NULL REFERENCES articles(id),
  idx         INTEGER NOT NULL,
  name        TEXT NOT NULL,
  type        TEXT NOT NULL,   -- PERSON, ORGANIZATION, LOCATION
  kind        TEXT,
  cameo       TEXT,
  iso2        TEXT,
  iso3        TEXT,
  country     TEXT,            -- geo.country (ISO 3166-1 alpha-2)
  lat         REAL,
  lon         REAL,
  geonames_id INTEGER,
  mentions    INTEGER NOT NULL,
  PRIMARY KEY (article_id, idx)
);
CREATE INDEX IF NOT EXISTS entities_name ON entities(name);
CREATE INDEX IF NOT EXISTS entities_cameo ON entities(cameo);
CREATE INDEX IF NOT EXISTS entities_country ON entities(country);

CREATE TABLE IF NOT EXISTS mentions (
  article_id  TEXT NOT NULL REFERENCES articles(id),
  entity_idx  INTEGER NOT NULL,
  start       INTEGER NOT NULL,  -- code points into articles.text
  end         INTEGER NOT NULL,
  text        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id);

CREATE TABLE IF NOT EXISTS quotes (
  article_id  TEXT NOT NULL REFERENCES articles(id),
  idx         INTEGER NOT NULL,
  text        TEXT NOT NULL,
  speaker     TEXT,
  verb        TEXT,
  start       INTEGER NOT NULL,
  end         INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_id);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);

CREATE TABLE IF NOT EXISTS counts (
  article_id  TEXT NOT NULL REFERENCES articles(id),
  type        TEXT NOT NULL,
  number      INTEGER NOT NULL,
  approximate INTEGER NOT NULL,
  object      TEXT,
  location    TEXT,
  text        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS counts_article ON counts(article_id);

CREATE TABLE IF NOT EXISTS themes (
  article_id  TEXT NOT NULL REFERENCES articles(id),
  code        TEXT NOT NULL,
  count       INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS themes_code ON themes(code);

-- One row per event that several articles may report (GDELT's event, deduplicated).
CREATE TABLE IF NOT EXISTS global_events (
  id          INTEGER PRIMARY KEY,
  key         TEXT NOT NULL UNIQUE,
  source_code TEXT,
  target_code TEXT,
  code        TEXT NOT NULL,
  root        TEXT NOT NULL,
  date        TEXT,
  story       TEXT NOT NULL,
  first_article TEXT NOT NULL,
  mentions    INTEGER NOT NULL,  -- times reported, over all articles
  articles    INTEGER NOT NULL,  -- articles reporting it
  sources     INTEGER NOT NULL   -- distinct outlets reporting it
);

-- One row per event as one article reports it (GDELT's mention).
CREATE TABLE IF NOT EXISTS events (
  article_id  TEXT NOT NULL REFERENCES articles(id),
  idx         INTEGER NOT NULL,
  global_id   INTEGER NOT NULL REFERENCES global_events(id),
  source_name TEXT,
  source_code TEXT,
  target_name TEXT,
  target_code TEXT,
  code        TEXT NOT NULL,
  root        TEXT NOT NULL,
  quad_class  INTEGER NOT NULL,
  goldstein   REAL NOT NULL,
  location    TEXT,
  country     TEXT,
  lat         REAL,
  lon         REAL,
  date        TEXT,
  is_root     INTEGER NOT NULL,
  mentions    INTEGER NOT NULL,
  text        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_article ON events(article_id);
CREATE INDEX IF NOT EXISTS events_root ON events(root);
CREATE INDEX IF NOT EXISTS events_source ON events(source_code);
CREATE INDEX IF NOT EXISTS events_target ON events(target_code);

-- Records that could not be analyzed, kept so a user can see why; retried on the next ingest.
CREATE TABLE IF NOT EXISTS failures (
  id     TEXT PRIMARY KEY,
  error  TEXT NOT NULL
);

CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(
  title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
