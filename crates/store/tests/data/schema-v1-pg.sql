-- The newsgraph store in PostgreSQL: the tables of schema.sql (documented there) with
-- PostgreSQL types. Differences: integers are BIGINT and reals DOUBLE PRECISION (the Rust
-- client maps them exactly), flags are BOOLEAN, `end` is quoted (a reserved word), and full-text
-- search is a generated tsvector column with a GIN index instead of an FTS5 table.
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS articles (
  rowid        BIGSERIAL PRIMARY KEY,   -- ingest order
  id           TEXT NOT NULL UNIQUE,
  url          TEXT,
  title        TEXT,
  published    TEXT,
  language     TEXT,
  source       TEXT,
  story        TEXT NOT NULL,
  duplicate_of TEXT,
  words        BIGINT NOT NULL,
  tone         DOUBLE PRECISION,
  text         TEXT NOT NULL,
  record       TEXT NOT NULL,
  features     TEXT NOT NULL,
  tsv          tsvector GENERATED ALWAYS AS
                 (to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED
);
CREATE INDEX IF NOT EXISTS articles_story ON articles(story);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE INDEX IF NOT EXISTS articles_tsv ON articles USING GIN (tsv);

CREATE TABLE IF NOT EXISTS stories (
  id          TEXT PRIMARY KEY,
  title       TEXT,
  first_seen  TEXT,
  last_seen   TEXT,
  articles    BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS entities (
  article_id  TEXT NOT NULL REFERENCES articles(id),
  idx         BIGINT NOT NULL,
  name        TEXT NOT NULL,
  type        TEXT NOT NULL,
  kind        TEXT,
  cameo       TEXT,
  iso2        TEXT,
  iso3        TEXT,
  country     TEXT,
  lat         DOUBLE PRECISION,
  lon         DOUBLE PRECISION,
  geonames_id BIGINT,
  mentions    BIGINT NOT NULL,
  PRIMARY KEY (article_id, idx)
);
CREATE INDEX IF NOT EXISTS entities_name ON entities(lower(name));
CREATE INDEX IF NOT EXISTS entities_cameo ON entities(cameo);
CREATE INDEX IF NOT EXISTS entities_country ON entities(country);

CREATE TABLE IF NOT EXISTS mentions (
  article_id  TEXT NOT NULL REFERENCES articles(id),
  entity_idx  BIGINT NOT NULL,
  start       BIGINT NOT NULL,
  "end"       BIGINT NOT NULL,
  text        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id);

CREATE TABLE IF NOT EXISTS quotes (
  article_id  TEXT NOT NULL REFERENCES articles(id),
  idx         BIGINT NOT NULL,
  text        TEXT NOT NULL,
  speaker     TEXT,
  verb        TEXT,
  start       BIGINT NOT NULL,
  "end"       BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article_id);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker);

CREATE TABLE IF NOT EXISTS counts (
  article_id  TEXT NOT NULL REFERENCES articles(id),
  type        TEXT NOT NULL,
  number      BIGINT NOT NULL,
  approximate BOOLEAN NOT NULL,
  object      TEXT,
  location    TEXT,
  text        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS counts_article ON counts(article_id);

CREATE TABLE IF NOT EXISTS themes (
  article_id  TEXT NOT NULL REFERENCES articles(id),
  code        TEXT NOT NULL,
  count       BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS themes_code ON themes(code);
CREATE INDEX IF NOT EXISTS themes_article ON themes(article_id);

CREATE TABLE IF NOT EXISTS global_events (
  id          BIGSERIAL PRIMARY KEY,
  key         TEXT NOT NULL UNIQUE,
  source_code TEXT,
  target_code TEXT,
  code        TEXT NOT NULL,
  root        TEXT NOT NULL,
  date        TEXT,
  story       TEXT NOT NULL,
  first_article TEXT NOT NULL,
  mentions    BIGINT NOT NULL,
  articles    BIGINT NOT NULL,
  sources     BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS events (
  article_id  TEXT NOT NULL REFERENCES articles(id),
  idx         BIGINT NOT NULL,
  global_id   BIGINT NOT NULL REFERENCES global_events(id),
  source_name TEXT,
  source_code TEXT,
  target_name TEXT,
  target_code TEXT,
  code        TEXT NOT NULL,
  root        TEXT NOT NULL,
  quad_class  BIGINT NOT NULL,
  goldstein   DOUBLE PRECISION NOT NULL,
  location    TEXT,
  country     TEXT,
  lat         DOUBLE PRECISION,
  lon         DOUBLE PRECISION,
  date        TEXT,
  is_root     BOOLEAN NOT NULL,
  mentions    BIGINT NOT NULL,
  text        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_article ON events(article_id);
CREATE INDEX IF NOT EXISTS events_global ON events(global_id);
CREATE INDEX IF NOT EXISTS events_root ON events(root);
CREATE INDEX IF NOT EXISTS events_source ON events(source_code);
CREATE INDEX IF NOT EXISTS events_target ON events(target_code);

CREATE TABLE IF NOT EXISTS failures (
  id     TEXT PRIMARY KEY,
  error  TEXT NOT NULL
);
