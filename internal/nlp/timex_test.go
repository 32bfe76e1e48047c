package nlp

import (
	"fmt"
	"testing"
	"time"
)

func TestFindTimex(t *testing.T) {
	// Tuesday 30 May 2023, the day of the Moscow drone strikes.
	ref := time.Date(2023, 5, 30, 15, 0, 0, 0, time.UTC)
	cases := []struct {
		text, expr string
		start, end string // "2006-01-02 15"
		prec       TimePrecision
	}{
		{"strikes hit residential areas early on Tuesday morning, he said", "early on Tuesday morning", "2023-05-30 05", "2023-05-30 09", PrecPartOfDay},
		{"Putin briefly reacted yesterday, claiming", "yesterday", "2023-05-29 00", "2023-05-30 00", PrecDay},
		{"shot down missiles in the early hours of Sunday over Kyiv", "in the early hours of Sunday", "2023-05-28 00", "2023-05-28 06", PrecPartOfDay},
		{"a brief cross-border attack last week", "last week", "2023-05-22 00", "2023-05-29 00", PrecWeek},
		{"Earlier in May, two drones attacked the Kremlin", "Earlier in May", "2023-05-01 00", "2023-05-17 00", PrecMonth},
		{"The claims, first made last autumn, sparked fears", "last autumn", "2022-09-01 00", "2022-12-01 00", PrecSeason},
		{"The drone strike occurred on the night of May 2nd, in which", "the night of May 2nd", "2023-05-02 22", "2023-05-03 06", PrecPartOfDay},
		{"On May 3rd, 2023, Russian media reported", "May 3rd, 2023", "2023-05-03 00", "2023-05-04 00", PrecDay},
		{"the first attack on Moscow since the German invasion in 1942", "in 1942", "1942-01-01 00", "1943-01-01 00", PrecYear},
		// A year after other prepositions than "in".
		{"the ministry wants the bridge rebuilt by 2027, an aide said", "by 2027", "2027-01-01 00", "2028-01-01 00", PrecYear},
		{"the treaty stayed in force until 1991 and was never renewed", "until 1991", "1991-01-01 00", "1992-01-01 00", PrecYear},
		// A year before a noun, the year alone; a count is none (below).
		{"before the opening of the 2028 Olympics in the city", "2028", "2028-01-01 00", "2029-01-01 00", PrecYear},
		{"sanctions imposed after its 2014 annexation of the peninsula", "2014", "2014-01-01 00", "2015-01-01 00", PrecYear},
		{"Now, 15 months later, drones are striking", "15 months later", "2024-08-01 00", "2024-09-01 00", PrecMonth},
		{"the assault two weeks ago", "two weeks ago", "2023-05-13 00", "2023-05-20 00", PrecWeek},
		{"approached the depot shortly after 3 a.m. on the day", "shortly after 3 a.m.", "2023-05-30 03", "2023-05-30 04", PrecHour},
		{"Russian Victory Day parades on May 9th in several oblasts", "May 9th", "2023-05-09 00", "2023-05-10 00", PrecDay},
		{"meeting in Moscow on March 21", "March 21", "2023-03-21 00", "2023-03-22 00", PrecDay},
		{"a NATO summit that will be held on July 11", "July 11", "2023-07-11 00", "2023-07-12 00", PrecDay},
		// The time of speaking is past, whatever the sentence foresees.
		{"the spokeswoman told a briefing on Friday that the talks would fail", "on Friday", "2023-05-26 00", "2023-05-27 00", PrecDay},
		{"explosions heard overnight in the capital", "overnight", "2023-05-29 22", "2023-05-30 06", PrecPartOfDay},
		{"drones were shot down on Sunday night, the mayor said", "on Sunday night", "2023-05-28 18", "2023-05-29 04", PrecPartOfDay},
		{"The 2023-05-30 report", "2023-05-30", "2023-05-30 00", "2023-05-31 00", PrecDay},
		// "late on Sunday" and "early on Monday" narrow the day.
		{"drones struck a high-rise late on Sunday, the mayor said", "late on Sunday", "2023-05-28 17", "2023-05-29 00", PrecPartOfDay},
		{"Early on Monday, drones struck an oil depot", "Early on Monday", "2023-05-29 00", "2023-05-29 09", PrecPartOfDay},
		// A report dated the day it names means the night that led into it.
		{"drones struck the depot on the night of 30 May, a source said", "the night of 30 May", "2023-05-29 22", "2023-05-30 06", PrecPartOfDay},
	}
	const layout = "2006-01-02 15"
	for _, c := range cases {
		var got []Timex
		for _, tx := range FindTimex(c.text, ref) {
			if tx.Ref == "" { // "Now, 15 months later": the present is tested below
				got = append(got, tx)
			}
		}
		if len(got) != 1 {
			t.Errorf("%q: %d expressions %v", c.text, len(got), got)
			continue
		}
		g := got[0]
		if g.Text != c.expr || g.Start.Format(layout) != c.start || g.End.Format(layout) != c.end || g.Precision != c.prec {
			t.Errorf("%q:\n got %q %s – %s (%s)\nwant %q %s – %s (%s)", c.text, g.Text, g.Start.Format(layout), g.End.Format(layout), g.Precision,
				c.expr, c.start, c.end, c.prec)
		}
		if c.text[g.Begin:g.Finish] != g.Text {
			t.Errorf("%q: offsets %d-%d", c.text, g.Begin, g.Finish)
		}
	}
}

func TestInferReference(t *testing.T) {
	text := "On May 3rd, 2023, Russian media reported a drone strike on the Kremlin the previous night. The attack was the first since 1942."
	ref, ok := InferReference(text)
	if !ok || ref.Format("2006-01-02") != "2023-05-03" {
		t.Fatalf("InferReference = %v, %v", ref, ok)
	}
	var got []string
	for _, tx := range FindTimex(text, ref) {
		got = append(got, fmt.Sprintf("%s=%s/%s", tx.Text, tx.Start.Format("01-02 15"), tx.Precision))
	}
	want := "[May 3rd, 2023=05-03 00/day the previous night=05-02 22/part of day since 1942=01-01 00/year]"
	if fmt.Sprint(got) != want {
		t.Errorf("got %v\nwant %s", got, want)
	}
	if _, ok := InferReference("No dates here, only Tuesday."); ok {
		t.Error("inferred a reference from a weekday alone")
	}
}

func FuzzFindTimex(f *testing.F) {
	for _, s := range []string{"early on Tuesday morning", "the night of May 2nd", "31 February 2023", "99 months later", "12:99 p.m."} {
		f.Add(s)
	}
	ref := time.Date(2023, 5, 30, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, s string) {
		for _, tx := range FindTimex(s, ref) {
			if tx.Begin < 0 || tx.Finish > len(s) || s[tx.Begin:tx.Finish] != tx.Text || !tx.End.After(tx.Start) {
				t.Fatalf("bad timex %+v in %q", tx, s)
			}
		}
		// The rules' cheap conditions never keep a rule from a match.
		low := asciiLower(s)
		c := cuesOf(low)
		for _, r := range timexRules {
			if r.re.MatchString(low) && !c.allow(r.kind, low) {
				t.Fatalf("rule %s matches %q but its cues keep it out", r.kind, low)
			}
		}
	})
}

// The cheap conditions that keep a rule from running must never keep it
// from a sentence it matches: checked on our own cases and, when ../shared
// is present, on every sentence of the Zyte benchmark's articles.
func TestTimexCuesAreNecessary(t *testing.T) {
	segs := []string{"", "may", "dismay", "mid-january", "éjan 3", "on monday night", "mondays", "x_monday", "9sep", "sept. 9",
		"the autumn of 1999", "earlier this week", "thursday's attack", "nightly", "a fortnight", "overnight", "the market on 3 mar",
		"in may 2023", "15 months later", "at 6:40 a.m.", "2023-05-30", "the night of may 2nd", "early on tuesday morning",
		"in\t2019", "two weeks\nago", "at 7\tpm", "since 1999.", "a program at 5", "by 11p.m", "in 20199",
		"9th of may", "sept. 9, 2023", "the night before", "the previous\nnight", "yesterday evening", "earlier this year", "later in march",
		"a year earlier", "several days before the vote", "of"}
	bodies := zyteBodies(t)
	for _, body := range bodies {
		lower := asciiLower(body)
		for _, s := range Sentences(body) {
			segs = append(segs, lower[s.Start:s.End])
		}
	}
	if bodies == nil {
		t.Log("Zyte benchmark not found (ships with ../shared): own cases only")
	}
	for _, seg := range segs {
		c := cuesOf(seg)
		for _, r := range timexRules {
			if r.re.MatchString(seg) && !c.allow(r.kind, seg) {
				t.Errorf("rule %s matches %q but its cues keep it out", r.kind, seg)
			}
		}
	}
	// And they do filter: a word that only begins like a month is none,
	// nor is the verb "may", nor a year that neither a preposition nor a
	// determiner introduces ("the 2019 budget" is a date, as TimeML has it).
	for _, seg := range []string{"the market decision was novel", "they may come back in 20 days", "budget 2019 was cut", "a year of war", "before the war", "later that night"} {
		if c := timexCues(seg); c != 0 {
			t.Errorf("timexCues(%q) = %b, want none", seg, c)
		}
	}
}

// References to the present, past and future name no time; quarters,
// dates without a year and "this summer" resolve as TimeML does.
func TestTimeMLForms(t *testing.T) {
	ref := time.Date(1989, 11, 2, 12, 0, 0, 0, time.UTC)
	cases := []struct{ text, expr, start, end string }{
		{"The bonds are payable Jan. 2, the company said.", "Jan. 2", "1990-01-02", "1990-01-03"},
		{"Shares were sold on Oct. 30, the filing said.", "Oct. 30", "1989-10-30", "1989-10-31"},
		{"Profit rose in the third quarter, it said.", "the third quarter", "1989-07-01", "1989-10-01"},
		{"Third-quarter profit rose, it said.", "Third-quarter", "1989-07-01", "1989-10-01"},
		{"Revenue fell in the latest quarter.", "the latest quarter", "1989-07-01", "1989-10-01"},
		{"Revenue fell from the year-earlier quarter.", "the year-earlier quarter", "1988-07-01", "1988-10-01"},
		{"The plant closed last April, workers said.", "last April", "1989-04-01", "1989-05-01"},
		{"Results for fiscal 1988 were restated.", "fiscal 1988", "1988-01-01", "1989-01-01"},
		{"The board meets tomorrow.", "tomorrow", "1989-11-03", "1989-11-04"},
	}
	for _, c := range cases {
		got := FindTimex(c.text, ref)
		if len(got) != 1 || got[0].Text != c.expr || got[0].Start.Format("2006-01-02") != c.start || got[0].End.Format("2006-01-02") != c.end {
			t.Errorf("%q: %+v", c.text, got)
		}
	}
	for text, want := range map[string]string{"Prices are now higher.": "PRESENT_REF", "He recently left.": "PAST_REF", "Talks will resume soon.": "FUTURE_REF"} {
		got := FindTimex(text, ref)
		if len(got) != 1 || got[0].Ref != want || !got[0].Start.IsZero() {
			t.Errorf("%q: %+v", text, got)
		}
	}
	march := time.Date(1998, 3, 22, 12, 0, 0, 0, time.UTC)
	if got := FindTimex("The plant will close this summer.", march); len(got) != 1 || got[0].Start.Format("2006-01") != "1998-06" {
		t.Errorf("this summer in March: %+v", got)
	}
}

func TestYearBeforeCountedNounIsNoDate(t *testing.T) {
	ref := time.Date(2023, 5, 30, 15, 0, 0, 0, time.UTC)
	for _, text := range []string{"the 2000 soldiers crossed the river", "their 1500 drones were launched at night"} {
		if got := FindTimex(text, ref); len(got) != 0 {
			t.Errorf("FindTimex(%q) = %+v, want none", text, got)
		}
	}
}

func TestYearEarlierInAQuarter(t *testing.T) {
	// Reported in January: the fourth quarter is last year's, and a year
	// earlier is the fourth quarter before it.
	ref := time.Date(2024, 1, 25, 12, 0, 0, 0, time.UTC)
	got := FindTimex("Fourth-quarter profit at the shipyard fell 12% from a year earlier, the company said.", ref)
	var q, back *Timex
	for i := range got {
		switch got[i].Text {
		case "a year earlier":
			back = &got[i]
		default:
			if got[i].Precision == PrecQuarter {
				q = &got[i]
			}
		}
	}
	if q == nil || back == nil || back.Precision != PrecQuarter || back.Start.Format("2006-01") != q.Start.AddDate(-1, 0, 0).Format("2006-01") {
		t.Fatalf("quarter %+v, a year earlier %+v", q, back)
	}
	// Without a quarter in the sentence it stays a year.
	got = FindTimex("The bridge opened a year earlier than planned.", ref)
	if len(got) != 1 || got[0].Precision != PrecYear || got[0].Start.Year() != 2023 {
		t.Errorf("plain offset: %+v", got)
	}
}

// A date without a year that a verb in the past tense tells of has passed;
// without such a verb it is the nearest one, ahead or back.
func TestPastVerbDatesBack(t *testing.T) {
	ref := time.Date(2016, 12, 2, 12, 0, 0, 0, time.UTC)
	cases := []struct{ text, want string }{
		{"The man called police on May 29, saying the child had shot himself.", "2016-05-29"},
		{"The boy was shot May 29 outside his home.", "2016-05-29"},
		{"He died on June 30 at a hospital.", "2016-06-30"},
		{"The hearing is set for May 29 in the county court.", "2017-05-29"},
		{"The shares will be redeemed on Oct. 31 at par.", "2017-10-31"},
		{"The trial was moved to Jan. 9 at the request of the defense.", "2017-01-09"},
	}
	for _, c := range cases {
		txs := FindTimex(c.text, ref)
		if len(txs) != 1 || txs[0].Start.Format("2006-01-02") != c.want {
			t.Errorf("%q: %v, want %s", c.text, txs, c.want)
		}
	}
}

// Without a reference date a day without a year keeps its day and month
// ("10-05"), with no time; one with a year is a date as ever, and a day
// that no year has is none.
func TestDayWithoutYearOrReference(t *testing.T) {
	cases := []struct{ text, monthDay, start string }{
		{"The strike hit the village on Oct. 5, officials said.", "10-05", ""},
		{"On the night of August 4, drones attacked the port.", "08-04", ""},
		{"He was born on 29 February.", "02-29", ""},
		{"The strike hit the village on Oct. 5, 2023, officials said.", "", "2023-10-05"},
		{"It was due on April 31.", "", ""},
	}
	for _, c := range cases {
		txs := FindTimex(c.text, time.Time{})
		var md, start string
		for _, tx := range txs {
			md = tx.MonthDay
			if !tx.Start.IsZero() {
				start = tx.Start.Format("2006-01-02")
			}
		}
		if md != c.monthDay || start != c.start {
			t.Errorf("%q: %+v, want day %q start %q", c.text, txs, c.monthDay, c.start)
		}
	}
}
