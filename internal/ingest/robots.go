package ingest

import (
	"bufio"
	"bytes"
	"strconv"
	"strings"
	"time"
)

// robotsRules is the group of a robots.txt that applies to sitrep (RFC
// 9309): the group naming our product token, else the "*" group.
type robotsRules struct {
	rules []robotsRule
	delay time.Duration // Crawl-delay, a common extension
}

type robotsRule struct {
	allow   bool
	pattern string
}

// parseRobots reads the rules for the product token of agent (its first
// word before "/").
func parseRobots(b []byte, agent string) *robotsRules {
	token := strings.ToLower(agent)
	if i := strings.IndexAny(token, "/ "); i > 0 {
		token = token[:i]
	}
	type group struct {
		agents []string
		rules  robotsRules
	}
	var groups []*group
	var cur *group
	lastWasAgent := false
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 64<<10), 512<<10)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key, val = strings.ToLower(strings.TrimSpace(key)), strings.TrimSpace(val)
		switch key {
		case "user-agent":
			if !lastWasAgent || cur == nil {
				cur = &group{}
				groups = append(groups, cur)
			}
			cur.agents = append(cur.agents, strings.ToLower(val))
			lastWasAgent = true
			continue
		case "allow", "disallow":
			if cur != nil && val != "" {
				cur.rules.rules = append(cur.rules.rules, robotsRule{allow: key == "allow", pattern: val})
			}
		case "crawl-delay":
			if s, err := strconv.ParseFloat(val, 64); err == nil && cur != nil && s > 0 {
				cur.rules.delay = min(time.Duration(s*float64(time.Second)), time.Minute)
			}
		}
		lastWasAgent = false
	}
	var star *robotsRules
	for _, g := range groups {
		for _, a := range g.agents {
			if a == token {
				return &g.rules
			}
			if a == "*" && star == nil {
				star = &g.rules
			}
		}
	}
	if star != nil {
		return star
	}
	return &robotsRules{}
}

// allowed applies the longest matching rule; allow wins a tie.
func (r *robotsRules) allowed(path string) bool {
	if path == "" {
		path = "/"
	}
	if path == "/robots.txt" {
		return true
	}
	best, allow := -1, true
	for _, rule := range r.rules {
		if !robotsMatch(rule.pattern, path) {
			continue
		}
		n := len(rule.pattern)
		if n > best || (n == best && rule.allow) {
			best, allow = n, rule.allow
		}
	}
	return allow
}

// robotsMatch matches a path against a pattern with "*" (any run) and a
// final "$" (end of path).
func robotsMatch(pattern, path string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	pattern = strings.TrimSuffix(pattern, "$")
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(path, parts[0]) {
		return false
	}
	rest := path[len(parts[0]):]
	for i, p := range parts[1:] {
		if i == len(parts)-2 && anchored {
			return strings.HasSuffix(rest, p)
		}
		j := strings.Index(rest, p)
		if j < 0 {
			return false
		}
		rest = rest[j+len(p):]
	}
	return !anchored || rest == ""
}
