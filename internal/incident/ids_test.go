package incident

import (
	"reflect"
	"testing"

	"sitrep/internal/model"
)

func refs(pairs ...int) []model.MentionRef {
	var out []model.MentionRef
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, model.MentionRef{Article: int64(pairs[i]), Sentence: pairs[i+1]})
	}
	return out
}

func TestAssignIDs(t *testing.T) {
	tests := []struct {
		name    string
		built   []model.Incident
		prior   []Prior
		taken   map[string]bool
		wantIDs []string
		want    IDPlan
	}{
		{
			name:    "a report joins: the stored id stays though Build names it anew",
			built:   []model.Incident{{ID: "inc-new", Members: refs(1, 0, 2, 0)}},
			prior:   []Prior{{ID: "inc-old", Seq: 1, Members: refs(1, 0)}},
			wantIDs: []string{"inc-old"},
			want:    IDPlan{Merged: map[string]string{}},
		},
		{
			name:    "two merge: the older id survives, the other leads to it",
			built:   []model.Incident{{ID: "inc-x", Members: refs(1, 0, 2, 0, 3, 0)}},
			prior:   []Prior{{ID: "inc-young", Seq: 9, Members: refs(2, 0)}, {ID: "inc-old", Seq: 2, Members: refs(1, 0)}},
			wantIDs: []string{"inc-old"},
			want:    IDPlan{Removed: []string{"inc-young"}, Merged: map[string]string{"inc-young": "inc-old"}},
		},
		{
			name: "a split: the larger part keeps the id, the other is new",
			built: []model.Incident{{ID: "inc-small", Members: refs(1, 0)},
				{ID: "inc-big", Members: refs(2, 0, 3, 0)}},
			prior:   []Prior{{ID: "inc-old", Seq: 1, Members: refs(1, 0, 2, 0, 3, 0)}},
			wantIDs: []string{"inc-small", "inc-old"},
			want:    IDPlan{Merged: map[string]string{}},
		},
		{
			name:    "a fresh id that is taken gets a suffix",
			built:   []model.Incident{{ID: "inc-a", Members: refs(5, 1)}, {ID: "inc-b", Members: refs(6, 1)}},
			prior:   []Prior{{ID: "inc-b", Seq: 1, Members: refs(7, 0)}},
			taken:   map[string]bool{"inc-a": true, "inc-a-2": true},
			wantIDs: []string{"inc-a-3", "inc-b-2"},
			want:    IDPlan{Removed: []string{"inc-b"}, Merged: map[string]string{}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			plan := AssignIDs(tc.built, tc.prior, func(id string) bool { return tc.taken[id] })
			var ids []string
			for _, inc := range tc.built {
				ids = append(ids, inc.ID)
			}
			if !reflect.DeepEqual(ids, tc.wantIDs) {
				t.Errorf("ids = %v, want %v", ids, tc.wantIDs)
			}
			if !reflect.DeepEqual(plan, tc.want) {
				t.Errorf("plan = %+v, want %+v", plan, tc.want)
			}
		})
	}
}
