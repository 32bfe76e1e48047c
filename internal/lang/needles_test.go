package lang

import (
	"regexp"
	"strings"
	"testing"
)

func TestGateNeedles(t *testing.T) {
	cases := []struct {
		expr string
		want []string // nil: no gate
	}{
		{`\b(strikes?|struck)\b`, []string{"str"}}, // the parser factors the prefix out
		{`\bgrenades?\b`, []string{"grenade"}},
		{`\b(shot (him|her)|gunfire)\b`, []string{"shot ", "gunfire"}},
		{`\b\w+ed\b`, []string{"ed"}},
		{`\b(a|\w+)\b`, nil},
		{`(?i)drone`, nil},
	}
	for _, c := range cases {
		g := NewGate(c.expr)
		if strings.Join(g.needles, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s: needles %q, want %q", c.expr, g.needles, c.want)
		}
	}
}

// A gate never turns away a text its expression matches.
func TestGateAgreesWithRegexp(t *testing.T) {
	exprs := []string{`\b(shot (and killed|dead)|fatally (shot|stabbed)|(was|were) shot|shot (him|her|at))\b`,
		`\b(clash(es|ed)? (with|between)|fought (with|against)|gun ?battles?)\b`, `\b(riot(s|ed|ing|ers)?)\b`,
		`\b(?:(?:did|was)\s*(?:not|n't)|never|no)\s+(?:\w+\s+){0,2}?(?:hit|struck)\b`}
	texts := []string{"a man was shot and killed", "troops clashed with rebels", "gunbattle at dawn", "rioters burned cars",
		"the drone did not hit the plant", "nothing happened", "they fought against the army", "no drones struck", "he shot at them"}
	for _, e := range exprs {
		g, re := NewGate(e), regexp.MustCompile(e)
		for _, s := range texts {
			if g.MatchString(s) != re.MatchString(s) {
				t.Errorf("%s on %q: gate %v, regexp %v", e, s, g.MatchString(s), re.MatchString(s))
			}
		}
	}
}
