package nlp

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"sitrep/internal/lang"
	"sitrep/internal/model"
)

// Reports written here, in Russian and Ukrainian, read for their events.
func TestAnnotateLexicon(t *testing.T) {
	pub := time.Date(2023, 7, 18, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		code, text string
		sub        model.SubEventType
		place      string
		day        string // "" for undated
	}{
		{"ru", "В ночь на 17 июля беспилотники атаковали Новороссийск. Пострадавших нет.", model.SubAirDroneStrike, "Novorossiysk", "2023-07-17"},
		{"ru", "Вчера в Белгороде прогремели взрывы после ракетного удара.", model.SubShellingMissile, "Belgorod", "2023-07-17"},
		{"uk", "Вночі росіяни атакували Одесу ракетами, повідомив Олег Кіпер.", model.SubShellingMissile, "Odessa", "2023-07-18"},
		{"uk", "Унаслідок обстрілу Харківської області загинули двоє людей.", model.SubShellingMissile, "Kharkiv region", ""},
		{"ru", "На Крымском мосту произошли взрывы, движение перекрыто. Удар нанесли безэкипажные катера.", model.SubAirDroneStrike, "Crimea", ""},
	} {
		lex, ok := lang.LexiconFor(tc.code)
		if !ok {
			t.Fatalf("no lexicon for %s", tc.code)
		}
		a := &model.Article{Language: tc.code, Text: tc.text, Published: pub, DatePrec: model.PrecisionMinute}
		if tc.day == "" {
			a.Published, a.DatePrec = time.Time{}, model.PrecisionNone
		}
		an := annotateLexicon(a, lex)
		if len(an.Events) == 0 {
			t.Errorf("%q: no event", tc.text)
			continue
		}
		ev := an.Events[0]
		got := ""
		if ev.Dated {
			got = ev.From.Format("2006-01-02")
		}
		if ev.SubEventType != tc.sub || ev.Place == nil || ev.Place.Name != tc.place || got != tc.day {
			place := "<nil>"
			if ev.Place != nil {
				place = ev.Place.Name
			}
			t.Errorf("%q: %s at %s on %q; want %s at %s on %q", tc.text, ev.SubEventType, place, got, tc.sub, tc.place, tc.day)
		}
	}
	// Undated: the day is named but has no year (a day cue, not a date),
	// and a second town is a recollection.
	lexRu, _ := lang.LexiconFor("ru")
	und := annotateLexicon(&model.Article{Language: "ru", Text: "Ракета попала в театр в Чернигове 19 августа. Погибли семь человек после ракетного удара по Чернигову. Ранее беспилотники атаковали Сумы."}, lexRu)
	if len(und.Events) != 3 || und.Events[0].Dated || !und.Events[0].DayCue || und.Events[0].Background || !und.Events[2].Background {
		t.Errorf("undated events %+v", und.Events)
	}
	// A crash of a plane, a seized ship: the kinds English reads them as; a
	// Latin name in a Russian text is no place of it.
	crash := annotateLexicon(&model.Article{Language: "ru", Text: "Самолет разбился у Торжка, сообщил канал Baza."}, lexRu)
	if len(crash.Events) != 1 || crash.Events[0].SubEventType != model.SubOther || crash.Events[0].EventType != model.StrategicDevs || crash.Events[0].Place == nil || crash.Events[0].Place.Name == "Baza" {
		t.Errorf("crash events %+v", crash.Events)
	}
	lexUk, _ := lang.LexiconFor("uk")
	seize := annotateLexicon(&model.Article{Language: "uk", Text: "Хусити захопили судно в Червоному морі. Село захопили вчора."}, lexUk)
	if len(seize.Events) != 1 || seize.Events[0].SubEventType != model.SubLooting {
		t.Errorf("seizure events %+v", seize.Events)
	}
	// A town whose name is a plural ("Суми", "в Сумах"); a dated
	// recollection a year back.
	sumy := annotateLexicon(&model.Article{Language: "uk", Text: "Ракетний удар по Сумах 13 квітня. Нагадаємо, 8 жовтня 2022 року ракета влучила в Суми.",
		Published: time.Date(2025, 4, 13, 12, 0, 0, 0, time.UTC), DatePrec: model.PrecisionMinute}, lexUk)
	if len(sumy.Events) != 2 || sumy.Events[0].Place == nil || sumy.Events[0].Place.Name != "Sumy" || sumy.Events[0].Background || !sumy.Events[1].Background {
		t.Errorf("Sumy events %+v", sumy.Events)
	}
	// A town written with an apostrophe; a place named only by its
	// adjective; an adjective before the regional administration.
	for text, want := range map[string]string{
		"Росіяни завдали ракетного удару по Куп’янську.":           "Kupjansk", // as GeoNames spells it
		"Ракета влучила в будівлю Полтавського інституту зв’язку.": "Poltava",
		"Про удар ракетою повідомив голова Харківської ОВА.":       "Kharkiv region",
	} {
		an := annotateLexicon(&model.Article{Language: "uk", Text: text}, lexUk)
		if len(an.Events) != 1 || an.Events[0].Place == nil || an.Events[0].Place.Name != want {
			got := "<nil>"
			if len(an.Events) > 0 && an.Events[0].Place != nil {
				got = an.Events[0].Place.Name
			}
			t.Errorf("%q: %d events at %s, want the place %s", text, len(an.Events), got, want)
		}
	}
	// A recollection in the lead does not date the sentences after it;
	// "Краснодарского края" is the krai, not the town.
	lead := annotateLexicon(&model.Article{Language: "ru", Text: "Как и 8 октября 2022 года, ракеты ударили по Харькову. Беспилотники атаковали порт Краснодарского края.",
		Published: time.Date(2023, 10, 5, 12, 0, 0, 0, time.UTC), DatePrec: model.PrecisionMinute}, lexRu)
	if len(lead.Events) != 2 || !lead.Events[0].Background || lead.Events[1].Background || lead.Events[1].Dated ||
		lead.Events[1].Place == nil || lead.Events[1].Place.Precision != model.PlaceRegion {
		t.Errorf("lead events %+v", lead.Events)
	}
	// Counts with what they count, in digits and words, with their bounds;
	// a day of a month is no count.
	qs := annotateLexicon(&model.Article{Language: "ru", Text: "17 июля после удара беспилотников погибли два человека, не менее 12 получили ранения, около 30 пострадавших госпитализированы."}, lexRu).Quantities
	got := map[string]string{}
	for _, q := range qs {
		b := fmt.Sprintf("%g", q.Min)
		if q.Max == nil {
			b += "+"
		}
		if q.Approx {
			b = "~" + b
		}
		got[q.Fact+" "+q.Text] = b
	}
	want := map[string]string{"killed два": "2", "injured 12": "12+", "injured 30": "~30"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("counts %v, want %v", got, want)
	}
	// Weapons counted: sent, or shot down; a numeral with its case ending.
	wq := annotateLexicon(&model.Article{Language: "uk", Text: "Росіяни вдарили двома балістичними ракетами по місту. Вночі ворог запустив 12-ть шахедів. Сили ППО збили 8 дронів."}, lexUk).Quantities
	wgot := map[string]float64{}
	for _, q := range wq {
		wgot[q.Fact] += q.Value
	}
	if !reflect.DeepEqual(wgot, map[string]float64{"missiles launched": 2, "drones launched": 12, "drones downed": 8}) {
		t.Errorf("weapon counts %v", wgot)
	}
	// A first name is not a town; a negated weapon reports nothing.
	lex, _ := lang.LexiconFor("ru")
	an := annotateLexicon(&model.Article{Language: "ru", Text: "Владимир Путин провел совещание. Беспилотники не атаковали город."}, lex)
	if len(an.Events) != 0 {
		t.Errorf("events %+v", an.Events)
	}
}

// BenchmarkAnnotateLexicon reads conflict-news's Russian and Ukrainian dev
// texts (../shared/bench/conflict-news/ru_uk_dev) the way the language
// stage does; reports articles per second:
//
//	GOMAXPROCS=1 go test ./internal/nlp -run XXX -bench AnnotateLexicon -benchtime 20x
func BenchmarkAnnotateLexicon(b *testing.B) {
	files, _ := filepath.Glob("../../../shared/bench/conflict-news/ru_uk_dev/*.txt")
	if len(files) == 0 {
		b.Skip("ru_uk_dev not found (ships with ../shared; skipping)")
	}
	var arts []*model.Article
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		head, body, _ := strings.Cut(string(data), "\n\n")
		code := "ru"
		if strings.Contains(head, "Lang: uk") {
			code = "uk"
		}
		arts = append(arts, &model.Article{Language: code, Text: body})
	}
	AnnotateArticle(arts[0]) // load the gazetteer outside the timing
	b.ResetTimer()
	start := time.Now()
	n := 0
	for b.Loop() {
		for _, a := range arts {
			AnnotateArticle(a)
			n++
		}
	}
	b.ReportMetric(float64(n)/time.Since(start).Seconds(), "articles/s")
}
