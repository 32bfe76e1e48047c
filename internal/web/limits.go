package web

import (
	"fmt"
	"io/fs"
	"net/http"
	"runtime/debug"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Bounds on what one request may ask. A search of 5,000 words cost a core
// a minute, and four of them left every other page unanswered; a page
// number past the end of int64 crashed the handler.
const (
	maxRawQuery   = 4096 // bytes of the whole query string
	maxQueryRunes = 200  // characters of a search or filter text
	maxQueryTerms = 12   // words of a search or filter text
	maxNumber     = 1_000_000_000
	// requestTimeout bounds the work of one request; past it the client
	// gets a 503 and the store queries are cancelled.
	requestTimeout = 15 * time.Second
)

// numeric are the parameters that must be whole numbers, with their least
// value.
var numeric = map[string]int{"page": 1, "limit": 0, "offset": 0}

// checkQuery validates the parameters every handler reads, so that each
// handler can trust them: "" when the request is fine, else the reason.
func checkQuery(r *http.Request) string {
	if len(r.URL.RawQuery) > maxRawQuery {
		return fmt.Sprintf("the query string is longer than %d bytes", maxRawQuery)
	}
	q := r.URL.Query()
	if t := q.Get("q"); utf8.RuneCountInString(t) > maxQueryRunes || len(strings.Fields(t)) > maxQueryTerms {
		return fmt.Sprintf("the search text is too long: at most %d characters and %d words", maxQueryRunes, maxQueryTerms)
	}
	for name, least := range numeric {
		v := q.Get(name)
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < least || n > maxNumber {
			return fmt.Sprintf("%s must be a whole number from %d to %d", name, least, maxNumber)
		}
	}
	for _, name := range []string{"from", "to"} {
		if v := q.Get(name); v != "" {
			if _, err := time.Parse("2006-01-02", v); err != nil {
				return fmt.Sprintf("%s must be a date written YYYY-MM-DD", name)
			}
		}
	}
	return ""
}

// bounded refuses requests checkQuery turns down, limits the time of the
// rest, and turns a panic into a logged 500 instead of a dropped
// connection.
func (s *Server) bounded(h http.Handler) http.Handler {
	timed := http.TimeoutHandler(h, requestTimeout, "this request took too long; narrow it down and try again\n")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.Error("handler panic", "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				s.fail(w, http.StatusInternalServerError, "internal error", nil)
			}
		}()
		if why := checkQuery(r); why != "" {
			s.fail(w, http.StatusBadRequest, "bad request: "+why, nil)
			return
		}
		timed.ServeHTTP(w, r)
	})
}

// noListing serves files only: a folder (a path ending in "/", or one
// naming a directory) is not found, instead of a listing of its files.
func noListing(fsys fs.FS, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(r.URL.Path, "/")
		if name == "" || strings.HasSuffix(name, "/") {
			http.NotFound(w, r)
			return
		}
		if st, err := fs.Stat(fsys, name); err != nil || st.IsDir() {
			http.NotFound(w, r)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// queryInt is a whole-number parameter (checkQuery has vetted it), or 0.
func queryInt(r *http.Request, name string) int {
	n, _ := strconv.Atoi(r.URL.Query().Get(name))
	return n
}

// pageOf is the page a list request asks for, 1 when it names none.
func pageOf(r *http.Request) int { return max(1, queryInt(r, "page")) }
