package app

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"courtyard/schedule"
	"courtyard/storage"
)

// sayKind is a kind of timed work for tests: it posts Data's text to
// Data's chat, through the outbox like any reminder.
var sayKind = schedule.Kind{Do: func(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
	var d struct {
		Chat int64  `json:"chat"`
		Text string `json:"text"`
	}
	if err := json.Unmarshal([]byte(it.Data), &d); err != nil {
		return err
	}
	p, _ := json.Marshal(map[string]any{"chat_id": d.Chat, "text": d.Text})
	_, err := tx.Enqueue(storage.OutMsg{ChatID: d.Chat, Method: "sendMessage", Payload: p}, now)
	return err
}}

// scheduleDue writes due items into the running bot's database.
func scheduleDue(h *harness, items ...storage.DueItem) {
	h.t.Helper()
	h.write(func(tx *storage.Tx) error {
		for _, it := range items {
			if _, err := tx.ScheduleDue(it, h.clock.Now()); err != nil {
				return err
			}
		}
		return nil
	})
}

func sayData(chat int64, text string) string {
	b, _ := json.Marshal(map[string]any{"chat": chat, "text": text})
	return string(b)
}

// Timed work runs on the minute's scan, once, also across a restart; what
// fell due while the bot was down for three days is sent only if its moment
// has not passed.
func TestTimedWorkOnceAndAfterDowntime(t *testing.T) {
	h := startHarness(t, nil, Options{Kinds: map[string]schedule.Kind{"test.say": sayKind}})
	g := h.tg.Group(-100900, "test")
	now := h.clock.Now()
	scheduleDue(h,
		storage.DueItem{Kind: "test.say", Key: "a", DueAt: now.Add(time.Minute), Data: sayData(g.ID, "remind-A")},
		storage.DueItem{Kind: "test.say", Key: "b", DueAt: now.Add(2 * time.Hour), Until: now.Add(3 * time.Hour), Data: sayData(g.ID, "remind-B")},
		storage.DueItem{Kind: "test.say", Key: "c", DueAt: now.Add(72*time.Hour + time.Hour), Until: now.Add(96 * time.Hour), Data: sayData(g.ID, "remind-C")},
	)
	count := func(text string) int {
		n := 0
		for _, m := range h.tg.Messages(g.ID) {
			if strings.Contains(m.Plain, text) {
				n++
			}
		}
		return n
	}
	h.tick()
	h.settle()
	if n := count("remind-A"); n != 0 {
		t.Fatalf("sent %d before its minute", n)
	}
	h.clock.Advance(time.Minute)
	h.tick()
	h.expect(g.ID, "remind-A")
	h.tick()
	h.shutdown()
	h.clock.Advance(72*time.Hour + 2*time.Hour)
	h.start()
	// Laid out again at start, as a capability would: nothing doubles.
	scheduleDue(h, storage.DueItem{Kind: "test.say", Key: "a", DueAt: now.Add(time.Minute), Data: sayData(g.ID, "remind-A")})
	h.tick()
	h.expect(g.ID, "remind-C")
	h.tick()
	h.settle()
	if a, b, c := count("remind-A"), count("remind-B"), count("remind-C"); a != 1 || b != 0 || c != 1 {
		t.Errorf("sent A %d, B %d, C %d times; want 1, 0 (stale), 1", a, b, c)
	}
	if logs := h.logs.String(); !strings.Contains(logs, "item missed") || !strings.Contains(logs, "key=b") {
		t.Errorf("the stale item was not logged as missed:\n%s", logs)
	}
}
