package nlp

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func show(qs []Quantity) string {
	var out []string
	for _, q := range qs {
		s := fmt.Sprintf("%s=%g", q.Text, q.Value)
		if q.Qualifier != "" {
			s += "[" + q.Qualifier + "]"
		}
		if q.Noun != "" {
			s += ":" + q.Noun
		}
		if q.Ordinal {
			s += "(ord)"
		}
		if q.Inferred {
			s += "(inferred)"
		}
		out = append(out, s)
	}
	return strings.Join(out, " | ")
}

func TestFindQuantities(t *testing.T) {
	cases := []struct{ in, prev, want string }{
		{"Russia's defence minister Sergei Shoigu said Ukraine had used eight drones in the attack but that none had hit their targets.", "",
			"eight drones=8:drone | none=0:drone(inferred)"},
		{"He claimed Russia had downed five drones outside Moscow with Pantsir anti-aircraft systems and forced the other three to crash after jamming their control systems.", "",
			"five drones=5:drone | the other three=3[the other]:drone(inferred)"},
		{"The drone strikes came as Russia launched another wave of aerial attacks on Kyiv, killing at least one person, hospitalising others.", "",
			"at least one person=1[at least]:person"},
		{"In Moscow, two people suffered minor injuries after a number of drones crashed into residential buildings.", "",
			"two people=2:person | a number of drones=2[a number of]:drone"},
		{"Ukraine's forces shot down dozens of ballistic cruise missiles and drones over Kyiv.", "",
			"dozens of ballistic cruise missiles=24[dozens]:missile"},
		{"The assault on Tuesday was the 17th on the capital in May alone.", "attack",
			""},
		{"It was the 17th attack on the capital and the fourth attack in three days.", "",
			"17th attack=17:attack(ord) | fourth attack=4:attack(ord) | three days=3:day"},
		{"The Kremlin alleges that two unmanned aerial vehicles attempted to strike Putin's residence.", "",
			"two unmanned aerial vehicles=2:drone"},
		{"Kyiv says it is working with over 80 domestic drone manufacturers.", "",
			"over 80 domestic drone manufacturers=80[over]:manufacturer"},
		{"The line is expected to cost about 4.2 billion roubles and open in 2027, on May 3 at 6 a.m.", "",
			"about 4.2 billion roubles=4.2e+09[about]:rouble"},
		// Bulletin style: a number before a casualty word counts people.
		{"Preliminary: 2 dead, several wounded. The driver was killed, four passengers wounded.", "drone",
			"2=2:person | several=3[several]:person | four passengers=4:passenger"},
	}
	for _, c := range cases {
		got := show(FindQuantities(c.in, c.prev))
		if got != c.want {
			t.Errorf("%q\n got %s\nwant %s", c.in, got, c.want)
		}
	}
}

func FuzzFindQuantities(f *testing.F) {
	for _, s := range []string{"the other three", "at least 1,200 people", "dozens of", "17th", "twenty-five drones"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, q := range FindQuantities(s, "drone") {
			if q.Begin < 0 || q.Finish > len(s) || q.Begin >= q.Finish || s[q.Begin:q.Finish] != q.Text {
				t.Fatalf("bad quantity %+v in %q", q, s)
			}
		}
	})
}

// Every count carries its bounds, so figures export and compare by what
// they say.
func TestQuantityBounds(t *testing.T) {
	inf := -1.0 // no upper bound
	for _, tc := range []struct {
		text     string
		min, max float64
		approx   bool
	}{
		{"Officials said more than 10 people were killed.", 11, inf, false},
		{"It caused the deaths of at least 66 displaced people.", 66, inf, false},
		{"Dozens of people were injured.", 24, 99, false},
		{"The ministry said up to 600 drones were launched.", 0, 600, false},
		{"About 50 people were evacuated.", 50, 50, true},
		{"Two people were killed.", 2, 2, false},
		{"Fewer than 5 drones got through.", 0, 4, false},
	} {
		an := Annotate(tc.text, time.Time{}).Model()
		if len(an.Quantities) != 1 {
			t.Errorf("%q: quantities %+v", tc.text, an.Quantities)
			continue
		}
		c := an.Quantities[0].Count
		max := inf
		if c.Max != nil {
			max = *c.Max
		}
		if c.Min != tc.min || max != tc.max || c.Approx != tc.approx {
			t.Errorf("%q: count %v..%v approx %v, want %v..%v approx %v", tc.text, c.Min, max, c.Approx, tc.min, tc.max, tc.approx)
		}
	}
}
