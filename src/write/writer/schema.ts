/**
 * The writer's index, in its Durable Object's SQLite storage: what the publication holds
 * (`setting`, `author`, `article`, the feeds and their members, with in `feed_lastmod` the time
 * each feed shows, kept for the pages sitemap; `embargo`: articles held until their publication
 * time, visible nowhere until then; and the stories taken down in `gone`), what KV and R2 hold
 * (`stored`, and `listed` while a rebuild lists KV, `sitemap`, `media`), which media files the
 * articles' lead images name (`media_ref`, owner `article:{slug}` or `embargo:{slug}`), the media
 * files of stories taken down that go once their grace has passed (`orphan`, `at_ms` the time they
 * may go), what is still to write (`dirty`), the feed URLs the WebSub hub has not accepted yet
 * (`announce`) and who wrote what (`audit`).
 * An article's `news` is what the news sitemap shows of it (title, publication time, lead image):
 * the index on it (`article_news`, in `rank` order) gives the newest thousand without reading
 * their rows, whose `data` comes first. An article's `input` is the SHA-256 of what a client sent
 * for it, which a client compares with its own to send only what changed. `rank` orders articles
 * newest first as one text (see `rankOf`), so every feed page is one index range. A member's
 * `bytes` is what its article adds to a page of the feed (`articleBytes`): the index on it
 * (`member_bytes`) gives a feed's largest articles, which bound its pages (see `PageLimits`).
 */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS setting (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS author (key TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS article (
  slug TEXT PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  rank TEXT NOT NULL,
  month TEXT NOT NULL,
  updated TEXT NOT NULL,
  hash TEXT NOT NULL,
  input TEXT NOT NULL,
  data TEXT NOT NULL,
  news TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS article_news ON article (rank, slug, updated, news);
CREATE INDEX IF NOT EXISTS article_month ON article (month, rank);
CREATE TABLE IF NOT EXISTS embargo (
  slug TEXT PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  at_ms INTEGER NOT NULL,
  hash TEXT NOT NULL,
  input TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS embargo_at ON embargo (at_ms);
CREATE TABLE IF NOT EXISTS gone (slug TEXT PRIMARY KEY, reason TEXT, input TEXT);
CREATE TABLE IF NOT EXISTS feed (dir TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, count INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS member (
  feed TEXT NOT NULL,
  rank TEXT NOT NULL,
  slug TEXT NOT NULL,
  updated TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  PRIMARY KEY (feed, rank)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS member_slug ON member (slug);
CREATE INDEX IF NOT EXISTS member_bytes ON member (feed, bytes);
CREATE TABLE IF NOT EXISTS feed_lastmod (dir TEXT PRIMARY KEY, items INTEGER NOT NULL, lastmod TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS stored (key TEXT PRIMARY KEY, hash TEXT NOT NULL, written_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS listed (key TEXT PRIMARY KEY, hash TEXT NOT NULL, written_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS dirty (key TEXT PRIMARY KEY, stage INTEGER NOT NULL, gen INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS dirty_stage ON dirty (stage, key);
CREATE TABLE IF NOT EXISTS sitemap (path TEXT PRIMARY KEY, name TEXT NOT NULL, part INTEGER NOT NULL, hash TEXT NOT NULL, lastmod TEXT);
CREATE TABLE IF NOT EXISTS media (name TEXT PRIMARY KEY, type TEXT NOT NULL, bytes INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS media_ref (name TEXT NOT NULL, owner TEXT NOT NULL, PRIMARY KEY (name, owner)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS media_ref_owner ON media_ref (owner);
CREATE TABLE IF NOT EXISTS orphan (name TEXT PRIMARY KEY, at_ms INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS orphan_at ON orphan (at_ms);
CREATE TABLE IF NOT EXISTS announce (url TEXT PRIMARY KEY, seq INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  who TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL
);
`;
