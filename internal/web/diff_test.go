package web

import (
	"reflect"
	"testing"
)

func TestDiffParagraphs(t *testing.T) {
	old := "Two drones were shot down.\n\nNo one was hurt.\nThe governor spoke."
	new := "Two drones were shot down.\nOne person was injured.\nThe governor spoke.\nMore later."
	want := []change{{"same", "Two drones were shot down."}, {"del", "No one was hurt."}, {"ins", "One person was injured."},
		{"same", "The governor spoke."}, {"ins", "More later."}}
	if got := diffParagraphs(old, new); !reflect.DeepEqual(got, want) {
		t.Errorf("diff =\n%v\nwant\n%v", got, want)
	}
	if got := diffParagraphs("a", "a"); len(got) != 1 || got[0].Op != "same" {
		t.Errorf("equal texts: %v", got)
	}
}
