package core

import (
	"log/slog"
	"testing"

	"courtyard/storage"
	"courtyard/testkit"
)

// Homes sort by building (the one asked first, then as configured), then
// unit as numbers, then id.
func TestSortByHome(t *testing.T) {
	cfg := testkit.Config(t, "http://127.0.0.1:1")
	cfg.Community.Buildings = []string{"1", "2", "3", "10"}
	a := New(cfg, nil, "bot", nil, slog.New(slog.DiscardHandler), nil)
	ms := []storage.Member{
		{ID: 1, Building: "10", Unit: "101"}, {ID: 2, Building: "1", Unit: "1101"}, {ID: 3, Building: "1", Unit: "502"},
		{ID: 4}, {ID: 5, Building: "3", Unit: "10-101"}, {ID: 6, Building: "3", Unit: "2-502"}, {ID: 7, Building: "2", Unit: "502"},
		{ID: 8, Building: "1", Unit: "502"},
	}
	a.SortByHome(ms, "3")
	var got []int64
	for _, m := range ms {
		got = append(got, m.ID)
	}
	want := []int64{6, 5, 3, 8, 2, 7, 1, 4}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("order %v, want %v", got, want)
		}
	}
}
