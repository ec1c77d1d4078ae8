package holiday

import (
	"errors"
	"testing"
	"time"
)

func TestDateBounds(t *testing.T) {
	for _, y := range []int{MinYear, MaxYear} {
		for _, k := range Keys() {
			d, err := Date(k, y)
			if err != nil {
				t.Fatalf("%s %d: %v", k, y, err)
			}
			if d.Year() != y {
				t.Errorf("%s %d falls in %d", k, y, d.Year())
			}
		}
	}
	for _, y := range []int{MinYear - 1, MaxYear + 1, 0, -5} {
		if _, err := Date(Spring, y); !errors.Is(err, ErrYear) {
			t.Errorf("year %d: err %v, want ErrYear", y, err)
		}
	}
	if _, err := Date("easter", 2026); !errors.Is(err, ErrUnknown) {
		t.Errorf("unknown key: err %v", err)
	}
	if Known("easter") || !Known(MidAutumn) {
		t.Error("Known is wrong")
	}
}

func TestNext(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Shanghai")
	cases := []struct {
		key   string
		after time.Time
		want  string
	}{
		{Spring, time.Date(2026, 3, 2, 9, 0, 0, 0, loc), "2027-02-06"},
		{Spring, time.Date(2026, 2, 16, 23, 59, 0, 0, loc), "2026-02-17"},
		// The day itself has begun: the next is a year on.
		{Spring, time.Date(2026, 2, 17, 0, 0, 0, 0, loc), "2027-02-06"},
		{MidAutumn, time.Date(2026, 3, 2, 9, 0, 0, 0, loc), "2026-09-25"},
		// 16:30 UTC on 16 February is already the 17th in Beijing.
		{Spring, time.Date(2026, 2, 16, 16, 30, 0, 0, time.UTC), "2027-02-06"},
	}
	for _, c := range cases {
		got, err := Next(c.key, c.after, loc)
		if err != nil {
			t.Fatal(err)
		}
		if got.Format("2006-01-02") != c.want || got.Location() != loc || got.Hour() != 0 {
			t.Errorf("Next(%s, %v) = %v, want %s midnight in Shanghai", c.key, c.after, got, c.want)
		}
	}
	if _, err := Next(Spring, time.Date(MaxYear, 3, 1, 0, 0, 0, 0, loc), loc); !errors.Is(err, ErrYear) {
		t.Errorf("past the range: err %v", err)
	}
}

func TestYearSorted(t *testing.T) {
	ds, err := Year(2025)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != len(Keys()) {
		t.Fatalf("%d days", len(ds))
	}
	for i := 1; i < len(ds); i++ {
		if ds[i].Date.Before(ds[i-1].Date) {
			t.Errorf("%s before %s", ds[i].Key, ds[i-1].Key)
		}
	}
	// 2025: Mid-Autumn (10-06) comes after National Day (10-01).
	if ds[5].Key != NationalDay || ds[6].Key != MidAutumn {
		t.Errorf("order %v", ds)
	}
}
