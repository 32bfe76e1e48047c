package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// eval langid reads a bench folder laid out as ../shared/bench is, with
// texts written here.
func TestEvalLangID(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"conflict-news/dev/001.txt":       "URL: https://example.org/a\n\nTwo drones were shot down over the region overnight, the governor said.",
		"conflict-news/ru_uk_dev/001.txt": "URL: https://example.ru/a\nLang: ru\n\nНочью силы ПВО сбили два беспилотника над областью, сообщил губернатор.",
		"conflict-news/ru_uk_dev/002.txt": "URL: https://example.ua/a\nLang: uk\n\nВночі сили ППО збили два безпілотники над областю, повідомив голова ОВА.",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(body), 0o644)
	}
	code, out, errOut := run(t, "eval", "langid", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"news, whole texts                      en     1/   1  1.000", "news, whole texts                      ru     1/   1  1.000",
		"news, whole texts                      uk     1/   1  1.000"} {
		if !strings.Contains(out, want) {
			t.Errorf("eval langid lacks %q:\n%s", want, out)
		}
	}
	if code, _, _ := run(t, "eval", "langid", t.TempDir()); code == 0 {
		t.Error("an empty bench folder should fail")
	}
}
