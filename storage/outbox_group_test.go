package storage

import (
	"context"
	"strings"
	"testing"
	"time"
)

// An answer queued to a group is found for a minute, by chat, method and
// payload, through the group index.
func TestSentToGroupSince(t *testing.T) {
	s := newTestStorage(t)
	ctx := context.Background()
	payload := []byte(`{"chat_id":-5,"text":"hi"}`)
	err := s.Update(ctx, func(tx *Tx) error {
		for _, m := range []OutMsg{
			{ChatID: -5, Method: "sendMessage", Payload: payload},
			{ChatID: 5, Method: "sendMessage", Payload: payload},
		} {
			if _, err := tx.Enqueue(m, t0); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		chat    int64
		method  string
		payload string
		since   time.Time
		want    bool
	}{
		{-5, "sendMessage", string(payload), t0.Add(-time.Minute), true},
		{-5, "sendMessage", string(payload), t0.Add(time.Second), false},
		{-5, "sendMessage", `{"chat_id":-5,"text":"other"}`, t0.Add(-time.Minute), false},
		{-5, "editMessageText", string(payload), t0.Add(-time.Minute), false},
		{-6, "sendMessage", string(payload), t0.Add(-time.Minute), false},
	} {
		var got bool
		err := s.View(ctx, func(tx *Tx) error {
			var err error
			got, err = tx.SentToGroupSince(c.chat, c.method, []byte(c.payload), c.since)
			return err
		})
		if err != nil || got != c.want {
			t.Errorf("%+v: %v, %v", c, got, err)
		}
	}
	plan := strings.Join(queryPlan(t, s.db, sentToGroupSQL, -5, ms(t0), "sendMessage", payload), "\n")
	if !strings.Contains(plan, "SEARCH outbox USING INDEX outbox_group_recent") {
		t.Errorf("plan:\n%s", plan)
	}
}
