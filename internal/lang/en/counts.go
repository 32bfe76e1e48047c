package en

import (
	"regexp"
	"strings"
)

var (
	downedRe = regexp.MustCompile(`shot down|downed|destroyed|intercepted|neutrali[sz]ed`)
	jammedRe = regexp.MustCompile(`jamm|forced .{0,30}to crash|suppressed`)
	hitRe    = regexp.MustCompile(`\b(hit|hits|struck|crashed into|reached|exploded)\b`)
	launchRe = regexp.MustCompile(`\b(used|launched|attacked|approached|involved|fired|sent|heard|flew|flying)\b`)
	killedRe = regexp.MustCompile(`kill|dead|died|deaths?\b|death toll|fatalit|lost (their|his|her) li(fe|ves)|perished|lifeless`)
	injureRe = regexp.MustCompile(`injur|wound|hurt|hospitali`)
	damageRe = regexp.MustCompile(`damag|destroy|hit|struck`)
)

// FactName implements lang.Counts.
func (English) FactName(noun, sentence string, at, n int) string {
	return factName(noun, sentence, at, n)
}

// factName names what a count in a sentence measures, from the words
// around it (the clause it sits in).
func factName(noun, sentence string, at, n int) string {
	low := strings.ToLower(sentence)
	from, to := max(0, at-80), min(len(low), at+n+80)
	// Stay inside the clause: cut at the nearest clause breaks.
	if k := strings.LastIndexAny(low[from:at], ";"); k >= 0 {
		from += k + 1
	}
	window := low[from:to]
	// "killing nine people, including two nurses": a part of a count
	// already given is not a second value of the same fact.
	if before := strings.TrimRight(low[max(0, at-12):at], " "); strings.HasSuffix(before, "including") || strings.HasSuffix(before, "among them") || strings.HasSuffix(before, "of whom") {
		return ""
	}
	// "two drones …, one exploding over the domes and the other crashing":
	// "one … the other" splits a count already given.
	if strings.HasPrefix(low[at:], "one") && strings.Contains(low[at+n:], "the other") {
		return ""
	}
	switch noun {
	case "drone", "uav", "missile", "rocket", "marine drone", "naval drone", "shell", "bomb":
		// The nearest verb decides: "destroyed all six drones …, and that
		// none had reached its target" gives six downed and none hit.
		plural := noun + "s"
		pos := at - from
		best, name := -1, plural+" reported"
		for _, c := range []struct {
			re   *regexp.Regexp
			name string
		}{{jammedRe, " jammed"}, {downedRe, " downed"}, {hitRe, " hit"}, {launchRe, " launched"}} {
			if d := nearest(c.re, window, pos, n); d >= 0 && (best < 0 || d < best) {
				best, name = d, plural+c.name
			}
		}
		return name
	case "person", "civilian", "worker", "resident", "child", "woman", "man", "soldier", "serviceman", "passenger",
		"pedestrian", "driver", "rescuer", "firefighter", "patient", "student", "nurse", "doctor", "journalist":
		// A casualty verb right before the count ("killing two people and
		// wounding five"), else the first one after it in its clause
		// ("four people lost their lives and eleven were injured"), else
		// the nearest casualty word decides.
		if f := casualtyBeside(low[max(0, at-14):at], low[at+n:to]); f != "" {
			return f
		}
		pos := at - from
		k, i := nearest(killedRe, window, pos, n), nearest(injureRe, window, pos, n)
		switch {
		case k < 0 && i < 0:
		case i < 0 || (k >= 0 && k <= i):
			return "killed"
		default:
			return "injured"
		}
	case "building", "house", "home", "apartment", "tank", "warehouse", "depot", "car", "vehicle":
		if damageRe.MatchString(window) {
			return noun + "s damaged"
		}
	}
	return ""
}

// casualtyBeside names the casualty fact of the verb right before a count
// or, failing that, the first casualty word after it up to the next
// clause ("and", a comma); "" if neither.
func casualtyBeside(before, after string) string {
	fields := strings.Fields(before)
	// "about 41 dead, another 180 injured": a word that closes the
	// clause before is not the count's verb.
	if len(fields) > 0 && !strings.HasSuffix(fields[len(fields)-1], ",") {
		last := fields[len(fields)-1]
		switch {
		case killedRe.MatchString(last):
			return "killed"
		case injureRe.MatchString(last):
			return "injured"
		}
	}
	if k := clauseEndRe.FindStringIndex(after); k != nil {
		after = after[:k[0]]
	}
	k, i := killedRe.FindStringIndex(after), injureRe.FindStringIndex(after)
	switch {
	case k == nil && i == nil:
		return ""
	case i == nil || k != nil && k[0] < i[0]:
		return "killed"
	}
	return "injured"
}

var clauseEndRe = regexp.MustCompile(`,|;| and | while | but `)

// nearest returns the distance from the count at pos (length n) to the
// closest match of re in s, or -1. Matches after the count are preferred
// at equal distance (verbs usually follow their subject).
func nearest(re *regexp.Regexp, s string, pos, n int) int {
	best := -1
	for _, m := range re.FindAllStringIndex(s, -1) {
		d := 0
		switch {
		case m[0] >= pos+n:
			d = m[0] - (pos + n)
		case m[1] <= pos:
			d = pos - m[1] + 1
		}
		if best < 0 || d < best {
			best = d
		}
	}
	return best
}
