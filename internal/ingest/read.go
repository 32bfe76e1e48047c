package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"sitrep/internal/extract"
	"sitrep/internal/model"
)

// DefaultMaxSize is the largest single document sitrep reads (50 MB). WARC
// files stream and may be larger; the limit then applies to each record.
const DefaultMaxSize = 50 << 20

// Options configures the readers.
type Options struct {
	MaxSize int64 // per document; 0 means DefaultMaxSize
	// Data reads JSON that is neither a Telegram export nor a feed as
	// plain text instead of refusing it as not news.
	Data bool
}

func (o Options) maxSize() int64 {
	if o.MaxSize <= 0 {
		return DefaultMaxSize
	}
	return o.MaxSize
}

// ErrTooLarge is returned for inputs over the size limit.
var ErrTooLarge = errors.New("too large")

// Result is what reading one file gives: documents, and an error that may
// come with some documents (a truncated WARC keeps the records before the cut).
type Result struct {
	Path string
	Kind Kind
	Docs []model.Document
	Err  error
}

// ReadFile reads one file into documents.
func ReadFile(path string, opts Options) Result {
	res := Result{Path: path}
	res.Kind, res.Err = Stream(path, opts, func(d model.Document) { res.Docs = append(res.Docs, d) })
	return res
}

// Stream reads one file and hands each of its documents to emit as soon
// as it is read, so that a crawl of thousands of pages is never held in
// memory whole; the error (which may follow some documents: a truncated
// WARC keeps the records before the cut) comes last.
func Stream(path string, opts Options, emit func(model.Document)) (Kind, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return "", err
	}
	if st.IsDir() {
		return "", fmt.Errorf("is a directory")
	}
	// Sniff sees up to markupScan bytes: a page may open with a long
	// <style> block before any of its markup.
	br := bufio.NewReaderSize(f, markupScan)
	head, _ := br.Peek(markupScan)
	kind := Sniff(head)
	var r io.Reader = br
	if kind == KindGzip {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return kind, fmt.Errorf("gzip: %w", err)
		}
		defer zr.Close()
		zbr := bufio.NewReaderSize(zr, markupScan)
		head, _ = zbr.Peek(markupScan)
		kind = Sniff(head)
		if kind == KindGzip {
			return kind, fmt.Errorf("gzip inside gzip is not supported")
		}
		r = zbr
	} else if kind != KindWARC && st.Size() > opts.maxSize() {
		return kind, fmt.Errorf("%w: %s is over the %s limit", ErrTooLarge, humanBytes(st.Size()), humanBytes(opts.maxSize()))
	}
	meta := model.Document{Path: path, FileTime: st.ModTime().UTC()}
	switch kind {
	case KindEmpty:
		return kind, fmt.Errorf("empty file")
	case KindBinary:
		return kind, fmt.Errorf("binary file, not HTML, text, WARC, RSS/Atom or a Telegram export")
	case KindWARC:
		return kind, readWARC(r, meta, opts, emit)
	case KindData:
		if !opts.Data {
			return kind, fmt.Errorf("%w: JSON data, not a Telegram export or a feed (--include takes it as text)", ErrNotNews)
		}
		kind = KindText
	}
	// The file's size is where reading starts (a compressed file's is
	// smaller than its content; reading into a growing buffer from nothing
	// took up to twice a large page's size).
	b, err := readLimit(r, opts.maxSize(), st.Size())
	if err != nil {
		return kind, err
	}
	docs, err := ReadBytes(b, kind, meta)
	for _, d := range docs {
		emit(d)
	}
	return kind, err
}

// ReadBytes turns the bytes of a single-document or container input of a
// known kind into documents. meta carries the path and file time.
func ReadBytes(b []byte, kind Kind, meta model.Document) ([]model.Document, error) {
	if kind != KindHTML && kind != KindText {
		// Feeds and exports are parsed as UTF-8; pages and texts keep their
		// bytes, decoded with their declared charset later.
		b = fromUTF16(b)
	}
	switch kind {
	case KindHTML:
		d := meta
		d.Format, d.BodyKind, d.Body = model.FormatHTML, "html", b
		return []model.Document{d}, nil
	case KindText:
		d := meta
		d.Format, d.BodyKind, d.Body = model.FormatText, "text", extract.DecodeHTML(b, "text/plain")
		return []model.Document{d}, nil
	case KindFeed:
		return readFeed(b, meta)
	case KindTelegram:
		return readTelegram(b, meta)
	case KindWARC:
		var docs []model.Document
		err := readWARC(bytes.NewReader(b), meta, Options{}, func(d model.Document) { docs = append(docs, d) })
		return docs, err
	case KindEmpty:
		return nil, fmt.Errorf("empty file")
	}
	return nil, fmt.Errorf("unsupported input (%s)", kind)
}

func readLimit(r io.Reader, limit, hint int64) ([]byte, error) {
	var b []byte
	var err error
	if hint > 0 && hint <= limit {
		var buf bytes.Buffer
		buf.Grow(int(hint) + bytes.MinRead)
		_, err = buf.ReadFrom(io.LimitReader(r, limit+1))
		b = buf.Bytes()
	} else {
		b, err = io.ReadAll(io.LimitReader(r, limit+1))
	}
	if err != nil {
		if len(b) > 0 && (errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrChecksum)) {
			return nil, fmt.Errorf("truncated or corrupt compressed data after %s: %w", humanBytes(int64(len(b))), err)
		}
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%w: over the %s limit once decompressed", ErrTooLarge, humanBytes(limit))
	}
	return b, nil
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// Walked is what Walk found.
type Walked struct {
	Files []string
	// Named are the files given by name or taken by --include: that one
	// of them is not news is a failure, not a skip.
	Named map[string]bool
	// Included are the files an --include glob took: JSON data among them
	// is read as text (Options.Data).
	Included map[string]bool
	Skipped  []model.Failure // files of a folder that are not news (stage "skip")
	Failed   []model.Failure // paths that cannot be read
}

// Walk expands paths into the files to ingest, recursing into folders in
// lexical order and skipping hidden files and folders (.git, .DS_Store)
// and files that are not news (notNews, filter).
func Walk(paths []string, filter Filter) Walked {
	w := Walked{Named: map[string]bool{}, Included: map[string]bool{}}
	now := time.Now().UTC()
	fail := func(path string, err error) {
		w.Failed = append(w.Failed, model.Failure{Path: path, Stage: "read", Reason: err.Error(), At: now})
	}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			fail(p, err)
			continue
		}
		if !st.IsDir() {
			w.Files = append(w.Files, p)
			w.Named[p] = true
			continue
		}
		err = filepath.WalkDir(p, func(path string, d os.DirEntry, err error) error {
			if err != nil {
				fail(path, err)
				if d != nil && d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			regular := d.Type().IsRegular()
			if d.Type()&os.ModeSymlink != 0 {
				st, err := os.Stat(path)
				regular = err == nil && st.Mode().IsRegular()
			}
			if !regular {
				return nil
			}
			rel, _ := filepath.Rel(p, path)
			if why := filter.skipReason(rel); why != "" {
				w.Skipped = append(w.Skipped, model.Failure{Path: path, Stage: "skip", Reason: why, At: now})
				return nil
			}
			w.Files = append(w.Files, path)
			if filter.Included(rel) {
				w.Named[path], w.Included[path] = true, true
			}
			return nil
		})
		if err != nil {
			fail(p, err)
		}
	}
	return w
}
