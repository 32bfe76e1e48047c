package incident

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Incident building reads annotations only: no pattern over text, and
// nothing of any one language. Words belong to internal/lang, reading text
// to internal/nlp.
func TestReadsAnnotationsOnly(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	forbidden := map[string]string{
		"regexp":              "patterns over text belong to the language stage (internal/nlp, internal/lang)",
		"sitrep/internal/nlp": "incident reads the language stage's annotations, not its code",
	}
	checked := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		parsed, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		for _, imp := range parsed.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if why, bad := forbidden[path]; bad {
				t.Errorf("%s imports %s: %s", f, path, why)
			}
			if strings.HasPrefix(path, "sitrep/internal/lang") {
				t.Errorf("%s imports %s: incident is language-neutral", f, path)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no source files found")
	}
}
