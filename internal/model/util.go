package model

import (
	"strconv"
	"strings"
)

func itoa(i int64) string   { return strconv.FormatInt(i, 10) }
func lower(s string) string { return strings.ToLower(s) }
