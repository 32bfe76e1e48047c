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

// eval counts finds a file's facts among its counts, on texts written here.
func TestEvalCounts(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "001.txt"), []byte("URL: https://example.ru/a\nDate: 2023-07-17\nLang: ru\n\nНочью беспилотники атаковали Белгород, погибли два человека, ещё 5 получили ранения."), 0o644)
	os.WriteFile(filepath.Join(dir, "gold.json"), []byte(`{"documents": {"001.txt": "x"}, "incidents": {"x": {"facts": [
		{"name": "killed", "value": 2, "file": "001.txt", "evidence": "погибли два человека"},
		{"name": "injured", "value": 5, "file": "001.txt", "evidence": "5 получили ранения"},
		{"name": "injured", "value": 9, "file": "001.txt", "evidence": "nowhere"},
		{"name": "drones launched", "value": 3, "file": "001.txt", "evidence": "три беспилотника"}]}}}`), 0o644)
	code, out, errOut := run(t, "eval", "counts", dir, "--missed")
	if code != 0 || !strings.Contains(out, "killed               1/  1") || !strings.Contains(out, "injured              1/  2") ||
		!strings.Contains(out, "drones launched      0/  1") || !strings.Contains(out, "counts found: 2/4") || !strings.Contains(out, "missed injured=9") {
		t.Errorf("exit %d:\n%s\n%s", code, out, errOut)
	}
}
