package web

import (
	"strconv"

	"sitrep/internal/store"
)

func itoa(i int64) string { return strconv.FormatInt(i, 10) }

func storeFilter() store.ArticleFilter { return store.ArticleFilter{} }
