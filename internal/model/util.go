package model

import (
	"strconv"
	"strings"
	"time"
)

func itoa(i int64) string   { return strconv.FormatInt(i, 10) }
func lower(s string) string { return strings.ToLower(s) }

// Representable reports whether t can be stored and written as JSON or
// RFC 3339 (years 0 to 9999). A date outside that, read from a hostile or
// broken input, would fail every write of its article.
func Representable(t time.Time) bool {
	y := t.Year()
	return y >= 0 && y <= 9999
}
