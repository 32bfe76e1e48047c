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
	// missingRe: people whose fate is not known ("three people are
	// considered missing").
	missingRe = regexp.MustCompile(`\bmissing\b|unaccounted for`)
	// tollRe ends the text before the number a death toll reached.
	tollRe   = regexp.MustCompile(`\b(death|fatality) toll\b[^;]{0,160}\b(risen|rose|climbed|reached|increased|grown|jumped|stands|stood|is now|now)( at| to)?( about| at least| more than| over)? $`)
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
		return nearestCasualty(window, at-from, n)
	case "":
		// A bare number a death toll has reached: "the death toll of
		// Thursday's strike on the village has risen to 55".
		if tollRe.MatchString(low[max(0, at-200):at]) {
			return "killed"
		}
	case "building", "house", "home", "apartment", "tank", "warehouse", "depot", "car", "vehicle":
		if damageRe.MatchString(window) {
			return noun + "s damaged"
		}
	}
	return ""
}

// casualties are the facts a count of people states, by the words that
// say so; the first of equally near words wins.
var casualties = []struct {
	re   *regexp.Regexp
	name string
}{{killedRe, "killed"}, {injureRe, "injured"}, {missingRe, "missing"}}

// casualtyBeside names the casualty fact of the verb right before a count
// or, failing that, the first casualty word after it up to the next
// clause ("and", a comma); "" if neither.
func casualtyBeside(before, after string) string {
	fields := strings.Fields(before)
	// "about 41 dead, another 180 injured": a word that closes the
	// clause before is not the count's verb.
	if len(fields) > 0 && !strings.HasSuffix(fields[len(fields)-1], ",") {
		last := fields[len(fields)-1]
		for _, c := range casualties[:2] { // "missing" before a count is not its verb
			if c.re.MatchString(last) {
				return c.name
			}
		}
	}
	if k := clauseEndRe.FindStringIndex(after); k != nil {
		after = after[:k[0]]
	}
	best, name := -1, ""
	for _, c := range casualties {
		if m := c.re.FindStringIndex(after); m != nil && (best < 0 || m[0] < best) {
			best, name = m[0], c.name
		}
	}
	return name
}

// nearestCasualty names the casualty word nearest a count in its window
// (killed before injured at equal distance), or "". "Missing" counts only
// in the count's own clause: "two women, previously considered missing,
// were found among the dead".
func nearestCasualty(window string, pos, n int) string {
	best, name := -1, ""
	for _, c := range casualties[:2] {
		if d := nearest(c.re, window, pos, n); d >= 0 && (best < 0 || d < best) {
			best, name = d, c.name
		}
	}
	return name
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
