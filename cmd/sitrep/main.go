// Command sitrep turns many news reports about the same incidents into a
// sourced situation report.
//
// Usage:
//
//	sitrep demo [--no-serve]                      ingest the built-in sample corpus and serve it
//	sitrep ingest [--db FILE] PATH...             read reports into the database
//	sitrep watch [--once] SOURCES_FILE | URL...   follow feeds, sitemaps, pages and t.me/s channels
//	sitrep worker --db postgres://... [--workers N]  work the job queue (files, incident updates)
//	sitrep extract [--json] FILE|FOLDER...        print clean text (and metadata) without storing
//	sitrep articles [--db FILE] [--json] [ID]     list stored articles, or show one
//	sitrep failures [--db FILE] [--json]          inputs that could not be ingested, with reasons
//	sitrep incidents [--db FILE] [--json]         incidents, newest first
//	sitrep show [--db FILE] [--json] ID           one incident: facts, claims by origin, contradictions, sources
//	sitrep export [--db FILE] --format json|csv|geojson [-o FILE]
//	sitrep eval extraction|dates|ner|quotes [PATH] score against the public benchmarks
//	sitrep eval quotes [PATH] --missed           also list the direct-quote sources got wrong
//	sitrep eval geo|timex [FILE] [--predictions OUT]  places (LGL) and time expressions (TimeBank)
//	sitrep eval clusters DIR --labels FILE       pairwise precision/recall of incident clustering
//	sitrep eval incidents [DIR]                  real multi-outlet news: what its score.py prints
//	sitrep eval langid [BENCH]                   language identification on real ru/uk/en news
//	sitrep eval counts [DIR] [--missed]          Russian/Ukrainian news: gold facts found among each file's counts
//	sitrep serve [--db FILE] [--addr 127.0.0.1:8080]  web UI and JSON API, read-only
//	sitrep rebuild [--db FILE]                    re-annotate stale articles, rebuild all incidents (ids kept)
//
// Inputs: HTML pages (also .html.gz), plain-text dumps, WARC and WARC.gz
// crawls, RSS/Atom files and Telegram Desktop channel exports (result.json).
// Folders are walked recursively and formats are recognised from content.
// Re-ingesting stored content is a no-op; a changed file becomes a new
// version; syndicated copies are linked to their original. A folder's files
// that are not news (docs, checksums, images, label JSON…) are skipped
// (--include and --exclude take globs). A file that cannot be read (binary,
// empty, truncated, over a budget: --max-size, --max-tags, --max-text,
// --doc-timeout) is reported with the reason and the run goes on; Ctrl-C
// stops cleanly and a second run resumes exactly. ingest exits 0 when every
// input was stored, 1 when some failed, 2 when nothing could be (or on a
// usage error); read-only commands refuse a database that does not exist. New articles are annotated (entities, places, times, counts,
// attributed claims, event reports; --no-annotate skips it; Russian and
// Ukrainian texts for their event reports and counts only), and ingest
// updates and stores the incidents they touch, listing them. Events are
// typed with ACLED's whole taxonomy (shootings too, flagged political or
// not); independent origins are counted by party, one state's bodies and
// officials being one. Incidents are
// stored: incidents, show, export and serve only read them. An incident
// keeps its id as reports join it; when two merge, the older id lives on
// and the other leads to it (show and the web UI follow it). After
// upgrading sitrep, run rebuild once so older annotations are redone.
//
// serve shows a timeline, a filtered incident list (with CSV/GeoJSON/JSON
// exports of what it lists), each incident with its claims matrix and
// contradictions, each article with its evidence highlighted and the
// incidents it reports (with its versions, what changed, and the WARC record
// it was read from), outlets (/outlets), the sources watch follows
// (/sources) and the alerts it delivered (/alerts), a map (/map) and full-text
// search (/search: "phrases" and OR), plus a JSON API under /api/
// (/api/incidents takes the list's filters and limit/offset, at most 1,000
// a page). Bad parameters get a 400 with the reason. Every offset in the JSON is a code point of the
// article's clean text. Pages run no scripts and escape all article text.
//
// watch polls the sources of a TOML file (see "sitrep watch --help") or URLs:
// RSS/Atom feeds and sitemaps (their new articles are fetched), pages, and
// public Telegram channels through https://t.me/s/CHANNEL. It is polite
// (one request at a time per host, a second apart, robots.txt, conditional
// GETs, back-off with jitter and Retry-After), keeps every response in WARC
// files beside the database (each article points at its record), stores a
// changed page or edited post as a new version, marks posts a channel no
// longer shows as gone, updates incidents after each round, and delivers
// the sources file's alert rules once each (NDJSON, a file, or a POST).
//
// ingest --queue hands each file to the job queue in the database (River)
// and works it in the process; --enqueue-only leaves the files to worker
// processes, any number of them on any machines sharing one PostgreSQL
// database. Jobs are idempotent, retried with back-off, and after five
// failures recorded in failures; a killed worker's job is taken up again
// after --job-timeout; incident updates run one at a time.
//
// The database is a SQLite file (--db, else $SITREP_DB, else ./sitrep.db) or
// a PostgreSQL server given as a postgres:// URL. ingest, watch and worker
// keep their heap near --memory-limit (400MiB; GOMEMLIMIT wins when set):
// what they hold does not grow with the run, and the limit keeps the
// garbage collector from letting it double; raise it on a big machine.
// Benchmarks are looked up in the PATH argument, $SITREP_BENCH, or
// ../shared/bench. Run "sitrep COMMAND --help" for each command's flags.
package main

import (
	"os"

	"sitrep/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
