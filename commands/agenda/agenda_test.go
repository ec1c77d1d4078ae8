package agenda

import (
	"reflect"
	"testing"
	"time"
)

// Two timed items overlap when their times intersect; touching ends do
// not; a moment (no end) overlaps what holds it; a visit's day overlaps
// nothing.
func TestOverlaps(t *testing.T) {
	at := func(h, m int) time.Time { return time.Date(2026, 3, 3, h, m, 0, 0, time.UTC) }
	items := []Item{
		{Kind: KindShift, Start: at(20, 0), End: at(22, 0)},
		{Kind: KindJob, Start: at(21, 0), End: at(23, 0)},
		{Kind: KindJob, Start: at(23, 0), End: at(23, 30)},               // touches the job before it
		{Kind: KindMeeting, Start: at(23, 15)},                           // a moment inside the job before it
		{Kind: KindVisit, Start: at(0, 0), End: at(24, 0), AllDay: true}, // the whole day
	}
	want := [][]int{{1}, {0}, {3}, {2}, nil}
	if got := overlaps(items); !reflect.DeepEqual(got, want) {
		t.Fatalf("overlaps %v, want %v", got, want)
	}
}

// A secret has the shape of 32 random bytes in base64url; anything else is
// not looked up.
func TestValidSecret(t *testing.T) {
	for s, want := range map[string]bool{
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA":  true,
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA":   false,
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA": false,
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/":  false,
		"":     false,
		"../x": false,
	} {
		if got := validSecret(s); got != want {
			t.Errorf("validSecret(%q) = %v", s, got)
		}
	}
}
