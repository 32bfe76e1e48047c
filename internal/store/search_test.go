package store

import (
	"reflect"
	"testing"
)

func TestParseSearch(t *testing.T) {
	for q, want := range map[string]SearchQuery{
		`drone depot`:               {{{"drone"}}, {{"depot"}}},
		`"drone strike" Kremlin`:    {{{"drone", "strike"}}, {{"Kremlin"}}},
		`Kyiv OR Kiev strike`:       {{{"Kyiv"}, {"Kiev"}}, {{"strike"}}},
		`"fuel depot" OR refinery`:  {{{"fuel", "depot"}, {"refinery"}}},
		`OR alone`:                  {{{"OR"}}, {{"alone"}}}, // nothing to join: a word
		`depot or refinery`:         {{{"depot"}}, {{"or"}}, {{"refinery"}}},
		`"unbalanced phrase`:        {{{"unbalanced", "phrase"}}},
		`NEAR(a b) *; DROP TABLE x`: {{{"NEAR"}}, {{"a"}}, {{"b"}}, {{"DROP"}}, {{"TABLE"}}, {{"x"}}},
		`""`:                        nil,
		`it's`:                      {{{"it"}}, {{"s"}}},
	} {
		if got := ParseSearch(q); !reflect.DeepEqual(got, want) {
			t.Errorf("ParseSearch(%q) = %q, want %q", q, got, want)
		}
	}
}
