package try

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"courtyard/schedule"
	"courtyard/storage"
)

// firing is a test item done by the schedule: its key, when it was due and
// the bot's time it was done at.
type firing struct {
	key      string
	due, now time.Time
}

// TestClockWeekStopsAtEachDueItem moves the clock a week on: every due item
// on the way is done once, in order, at its own moment (not at the next
// hour), an item laid out on the way by another is done too, one due after
// the week is not; the move runs the schedule at the items and hourly, not
// minute by minute, and tells its progress on the event stream.
func TestClockWeekStopsAtEachDueItem(t *testing.T) {
	var mu sync.Mutex
	var fired []firing
	kinds := map[string]schedule.Kind{"test.fire": {Do: func(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
		mu.Lock()
		fired = append(fired, firing{it.Key, it.DueAt, now})
		mu.Unlock()
		if it.Key == "b" {
			_, err := tx.ScheduleDue(storage.DueItem{Kind: "test.fire", Key: "b2", DueAt: it.DueAt.Add(26 * time.Hour)}, now)
			return err
		}
		return nil
	}}}
	db := filepath.Join(t.TempDir(), "courtyard.db")
	base := playground(t, func(o *Options) { o.DB, o.kinds = db, kinds })
	ev := events(t, base)
	<-ev

	store, err := storage.OpenNoMigrate(db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	zone := testStart().Location()
	at := func(day, h, m int) time.Time { return time.Date(2026, 3, day, h, m, 0, 0, zone) }
	items := []struct {
		key string
		due time.Time
	}{
		{"late", at(9, 9, 30)}, // after the week: not done
		{"e", at(8, 23, 59)},
		{"a", at(2, 9, 20)},
		{"c", at(4, 2, 41)},
		{"d", at(4, 2, 41)}, // the same moment as c, laid out after it
		{"b", at(2, 13, 37)},
	}
	err = store.Update(context.Background(), func(tx *storage.Tx) error {
		for _, it := range items {
			if _, err := tx.ScheduleDue(storage.DueItem{Kind: "test.fire", Key: it.key, DueAt: it.due}, testStart()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	resp, err := http.Post(base+"api/clock", "application/json", bytes.NewReader([]byte(`{"step":"week"}`)))
	if err != nil {
		t.Fatal(err)
	}
	var end struct {
		Now      time.Time `json:"now"`
		Steps    int       `json:"steps"`
		Messages int       `json:"messages"`
	}
	err = json.NewDecoder(resp.Body).Decode(&end)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("the move: HTTP %d, %v", resp.StatusCode, err)
	}

	mu.Lock()
	got := append([]firing(nil), fired...)
	mu.Unlock()
	want := []string{"a", "b", "b2", "c", "d", "e"}
	if len(got) != len(want) {
		t.Fatalf("done: %v, want the keys %v", got, want)
	}
	for i, f := range got {
		if f.key != want[i] {
			t.Errorf("done #%d: %s, want %s (all: %v)", i+1, f.key, want[i], got)
		}
		if f.now.Before(f.due) || f.now.Sub(f.due) >= time.Minute {
			t.Errorf("%s due at %v was done at %v, not at its moment", f.key, f.due, f.now)
		}
	}
	// The scans run on every hour and at every due item (these six and the
	// demo's few reminders): a week has 168 hours, and 10,080 minutes.
	if end.Steps < 168+len(want) || end.Steps >= 2*168 {
		t.Errorf("the move ran the schedule %d times, want once an hour and once per due moment", end.Steps)
	}
	if !end.Now.After(at(9, 9, 0)) || end.Now.After(at(9, 9, 29)) {
		t.Errorf("after the move the bot's time is %v", end.Now)
	}
	var left []storage.DueItem
	store.View(context.Background(), func(tx *storage.Tx) (err error) {
		left, err = tx.PendingDue("test.fire", "")
		return err
	})
	if len(left) != 1 || left[0].Key != "late" {
		t.Errorf("pending after the move: %+v, want only late", left)
	}

	// The page was told how far the move had got on the way.
	var moving int
	for len(ev) > 0 {
		e := <-ev
		if m, ok := e["move"].(map[string]any); ok {
			to, _ := time.Parse(time.RFC3339Nano, m["to"].(string))
			if d := to.Sub(at(9, 9, 0)); d < 0 || d > time.Minute {
				t.Errorf("the move went to %v", to)
			}
			moving++
		}
	}
	if moving == 0 {
		t.Error("no event told the move's progress")
	}
}
