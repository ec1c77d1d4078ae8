package jobs

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"courtyard/commands/core"
	"courtyard/config"
	"courtyard/locale"
	"courtyard/storage"
	"courtyard/testkit"
)

// Many presses at once cost one pending edit per posted copy: each press
// rewrites the edit still waiting instead of queueing another.
func TestJobCopiesKeepOnePendingEditEach(t *testing.T) {
	ctx := context.Background()
	st := testkit.Store(t)
	cfg := config.Config{Community: config.Community{Name: "c", Buildings: []string{"1"}}}.WithDefaults()
	cat, err := locale.Load("zh")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	a := New(core.New(cfg, cat, "bot", func() time.Time { return now }, slog.New(slog.NewTextHandler(io.Discard, nil)), nil), nil, nil)
	chats := []int64{-100, 7, 8}
	var j storage.Job
	err = st.Update(ctx, func(tx *storage.Tx) error {
		for _, id := range []int64{1, 2, 3, 4, 5, 6, 7, 8} {
			if err := tx.TouchMember(id, "m", "", "zh", now); err != nil {
				return err
			}
		}
		j = storage.Job{Title: "t", Slots: 3, Start: now.Add(48 * time.Hour), End: now.Add(50 * time.Hour), OrganiserID: 1, State: storage.JobOpen}
		if j.ID, err = tx.CreateJob(j, now); err != nil {
			return err
		}
		for i, chat := range chats {
			out, err := a.SendID(tx, chat, "card", nil, storage.PriorityBulk, jobRef(j.ID), now)
			if err != nil {
				return err
			}
			if err := tx.MarkSent(out, 10+i, now); err != nil {
				return err
			}
			if err := tx.AddJobPost(storage.JobPost{JobID: j.ID, ChatID: chat, OutID: out, Lang: "zh"}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Six people sign up, each in their own update, before anything is sent.
	for id := int64(2); id <= 7; id++ {
		err := st.Update(ctx, func(tx *storage.Tx) error {
			if _, err := tx.JobSignUp(j, id, now); err != nil {
				return err
			}
			return a.RefreshJobPosts(tx, j, now)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	edits := map[int64]int{}
	err = st.View(ctx, func(tx *storage.Tx) error {
		out, err := tx.PendingOut(100)
		for _, m := range out {
			if m.Method == "editMessageText" {
				edits[m.ChatID]++
				if !core.ContainsFold(string(m.Payload), "3/3") || !core.ContainsFold(string(m.Payload), "候补 3 人") {
					t.Errorf("chat %d: the pending edit is not the latest: %s", m.ChatID, m.Payload)
				}
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, chat := range chats {
		if edits[chat] != 1 {
			t.Errorf("chat %d: %d pending edits after 6 sign-ups, want 1", chat, edits[chat])
		}
	}
}
