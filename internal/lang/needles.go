package lang

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
)

// Gate is a regular expression with the literal strings one of which
// every match contains, so that a text holding none of them is turned
// away without running the expression. Event lexicons are dozens of
// alternations tried on every sentence, and most sentences hold none of
// their words: checking substrings first is many times cheaper than the
// backtracking matcher.
type Gate struct {
	Re      *regexp.Regexp
	needles []string // nil: no literal is required; always run Re
}

// NewGate compiles expr (lower-case, matched against lower-cased text)
// and works out its needles.
func NewGate(expr string) Gate { return gateFor(regexp.MustCompile(expr)) }

// gateFor works out the needles of a compiled expression.
func gateFor(re *regexp.Regexp) Gate {
	g := Gate{Re: re}
	if p, err := syntax.Parse(re.String(), syntax.Perl); err == nil {
		g.needles = required(p.Simplify())
	}
	return g
}

// MatchString reports whether the expression matches s.
func (g Gate) MatchString(s string) bool {
	return g.Admits(s) && g.Re.MatchString(s)
}

// Admits reports whether s holds one of the needles (or the expression
// has none), that is, whether the expression could match.
func (g Gate) Admits(s string) bool {
	if g.needles == nil {
		return true
	}
	for _, n := range g.needles {
		if strings.Contains(s, n) {
			return true
		}
	}
	return false
}

// minNeedle is the shortest literal worth a substring test.
const minNeedle = 2

// required returns literals one of which every match of re contains, or
// nil when it cannot tell.
func required(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return nil
		}
		if s := string(re.Rune); len(s) >= minNeedle {
			return []string{s}
		}
	case syntax.OpCapture:
		return required(re.Sub[0])
	case syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
	case syntax.OpConcat:
		return concatNeedles(re.Sub)
	case syntax.OpAlternate:
		var out []string
		for _, sub := range re.Sub {
			n := required(sub)
			if n == nil {
				return nil
			}
			out = append(out, n...)
		}
		return out
	}
	return nil
}

// concatNeedles picks, of the parts of a sequence, the one whose needles
// are the longest at their shortest (every match holds every part).
// Adjacent literals are joined first ("str" + "ike" is "strike").
func concatNeedles(subs []*syntax.Regexp) []string {
	var best []string
	bestMin := 0
	var run strings.Builder
	consider := func(n []string) {
		if n == nil {
			return
		}
		m := len(n[0])
		for _, s := range n {
			m = min(m, len(s))
		}
		if m > bestMin {
			best, bestMin = n, m
		}
	}
	flush := func() {
		if run.Len() >= minNeedle {
			consider([]string{run.String()})
		}
		run.Reset()
	}
	for _, sub := range subs {
		if sub.Op == syntax.OpLiteral && sub.Flags&syntax.FoldCase == 0 {
			run.WriteString(string(sub.Rune))
			continue
		}
		flush()
		consider(required(sub))
	}
	flush()
	return best
}

var gates sync.Map // *regexp.Regexp → Gate

// GateOf is the gate of an expression compiled elsewhere, worked out once.
func GateOf(re *regexp.Regexp) Gate {
	if g, ok := gates.Load(re); ok {
		return g.(Gate)
	}
	g := gateFor(re)
	gates.Store(re, g)
	return g
}
