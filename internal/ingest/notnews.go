package ingest

import (
	"errors"
	"path/filepath"
	"strings"
)

// ErrNotNews marks a file that is not a news report (documentation,
// checksums, data). A folder's such files are skipped; a file named on the
// command line fails with the reason.
var ErrNotNews = errors.New("not news")

// notNews are the file names a folder walk skips, with the reason. A
// benchmark or download folder holds its SOURCE.md, SHA256SUMS and label
// JSON beside the pages, and a saved page its images and styles; none of
// them is a report, and ingesting them made articles of checksums.
var notNews = []struct{ glob, why string }{
	{"*.md", "Markdown documentation"},
	{"*.markdown", "Markdown documentation"},
	{"*.rst", "documentation"},
	{"readme", "read-me"},
	{"readme.*", "read-me"},
	{"license*", "licence"},
	{"licence*", "licence"},
	{"copying*", "licence"},
	{"*sums", "checksums"},
	{"*sums.*", "checksums"},
	{"*.sha1", "checksum"},
	{"*.sha256", "checksum"},
	{"*.sha512", "checksum"},
	{"*.md5", "checksum"},
	{"*.sig", "signature"},
	{"*.asc", "signature"},
	{"*.db", "database"},
	{"*.db-wal", "database journal"},
	{"*.db-shm", "database journal"},
	{"*.lock", "lock file"},
	{"*.sqlite", "database"},
	{"*.sqlite3", "database"},
	{"*.csv", "table"},
	{"*.tsv", "table"},
	{"*.css", "style sheet"},
	{"*.js", "script"},
	{"*.map", "source map"},
	{"*.py", "source code"},
	{"*.go", "source code"},
	{"*.sh", "script"},
	{"*.png", "image"},
	{"*.jpg", "image"},
	{"*.jpeg", "image"},
	{"*.gif", "image"},
	{"*.webp", "image"},
	{"*.svg", "image"},
	{"*.ico", "icon"},
	{"*.woff", "font"},
	{"*.woff2", "font"},
	{"*.ttf", "font"},
	{"*.otf", "font"},
	{"*.mp4", "video"},
	{"*.webm", "video"},
	{"*.mp3", "audio"},
	{"*.pdf", "PDF (not read by sitrep)"},
	{"*.zip", "archive (unpack it first)"},
	{"*.tar", "archive (unpack it first)"},
	{"*.tar.gz", "archive (unpack it first)"},
	{"*.tgz", "archive (unpack it first)"},
}

// Filter chooses the files of a folder walk. Include globs take files the
// not-news rules (and the content check) would skip; Exclude globs skip
// more. Globs (filepath.Match) are matched against the file name and
// against the path below the folder given.
type Filter struct {
	Include, Exclude []string
}

// skipReason is why a file found in a folder is not ingested, or "".
func (f Filter) skipReason(rel string) string {
	if matchAny(f.Include, rel) {
		return ""
	}
	if matchAny(f.Exclude, rel) {
		return "excluded by --exclude"
	}
	base := strings.ToLower(filepath.Base(rel))
	for _, r := range notNews {
		if ok, _ := filepath.Match(r.glob, base); ok {
			return r.why
		}
	}
	return ""
}

// Included reports whether a path matches an --include glob.
func (f Filter) Included(rel string) bool { return matchAny(f.Include, rel) }

func matchAny(globs []string, rel string) bool {
	base := filepath.Base(rel)
	for _, g := range globs {
		if ok, _ := filepath.Match(g, base); ok {
			return true
		}
		if ok, _ := filepath.Match(g, filepath.ToSlash(rel)); ok {
			return true
		}
	}
	return false
}

// CheckGlobs reports the first malformed glob.
func (f Filter) CheckGlobs() error {
	for _, g := range append(append([]string(nil), f.Include...), f.Exclude...) {
		if _, err := filepath.Match(g, ""); err != nil {
			return errors.New("bad glob " + g + ": " + err.Error())
		}
	}
	return nil
}
