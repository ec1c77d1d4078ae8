package bot

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
	"courtyard/telegram"
)

// effects is a handler that leaves a trace of every update it applies: the
// sender becomes a member and gets an answer. Text "fail" writes its trace
// and then fails; "panic" panics after writing.
type effects struct{ applied atomic.Int64 }

func (f *effects) handle(ctx context.Context, tx *storage.Tx, upd *models.Update) error {
	m := upd.Message
	if err := tx.TouchMember(m.From.ID, m.From.FirstName, "", "en", time.Now()); err != nil {
		return err
	}
	if _, err := tx.Enqueue(msg(m.Chat.ID, "re: "+m.Text, storage.PriorityReply), time.Now()); err != nil {
		return err
	}
	switch m.Text {
	case "fail":
		return errors.New("handler failed")
	case "panic":
		panic("handler panicked")
	}
	f.applied.Add(1)
	return nil
}

// sorry tells the sender of a failed update.
func sorry(ctx context.Context, tx *storage.Tx, upd *models.Update) error {
	_, err := tx.Enqueue(msg(upd.Message.Chat.ID, "sorry", storage.PriorityReply), time.Now())
	return err
}

func (e *env) processor(store *storage.Storage, h HandleFunc) *Processor {
	return NewProcessor(store, h, sorry, time.Now, e.log, nil)
}

func rawUpdate(t *testing.T, id, from int64, text string) storage.InboxItem {
	t.Helper()
	u := models.User{ID: from, FirstName: "U"}
	b, err := json.Marshal(models.Update{ID: id, Message: &models.Message{ID: int(id), From: &u,
		Chat: models.Chat{ID: from, Type: models.ChatTypePrivate}, Text: text, Date: int(time.Now().Unix())}})
	if err != nil {
		t.Fatal(err)
	}
	return storage.InboxItem{UpdateID: id, Payload: b}
}

// outTexts are the texts of every row in the outbox, in id order.
func (e *env) outTexts() []string {
	e.t.Helper()
	var out []string
	e.view(func(tx *storage.Tx) error {
		for id := int64(1); ; id++ {
			m, err := tx.OutByID(id)
			if errors.Is(err, storage.ErrNotFound) {
				return nil
			}
			if err != nil {
				return err
			}
			var p telegram.SendMessage
			json.Unmarshal(m.Payload, &p)
			out = append(out, p.Text)
		}
	})
	return out
}

func (e *env) step(p *Processor) int {
	e.t.Helper()
	n, err := p.Step(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

func TestUpdateStoredBeforeAStopIsProcessedOnce(t *testing.T) {
	e := newEnv(t)
	u := e.tg.User(42, "Ann", "en")
	id := e.tg.SendText(u, telegramtest.PrivateChat(u), "hello")

	// The poller stops right after storing the batch, before any later
	// getUpdates could acknowledge it: Telegram still holds the update.
	ctx, cancel := context.WithCancel(context.Background())
	p := NewPoller(e.client(nil), e.store, time.Second, time.Now, e.log, nil, func(bool) { cancel() })
	if err := p.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if e.tg.Pending() != 1 || e.tg.Confirmed() > id {
		t.Fatalf("the update was acknowledged before the stop (pending %d)", e.tg.Pending())
	}

	// Another process picks up the database and processes it.
	store := e.open()
	var f effects
	if n := e.step(e.processor(store, f.handle)); n != 1 || f.applied.Load() != 1 {
		t.Fatalf("processed %d, applied %d", n, f.applied.Load())
	}
	// Its poller starts from the stored offset: the update is acknowledged,
	// not fetched and stored again.
	ctx, cancel = context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- NewPoller(e.client(nil), store, time.Second, time.Now, e.log, nil, nil).Run(ctx) }()
	e.tg.WaitUntil(t, func() bool { return e.tg.Confirmed() > id && e.tg.Pending() == 0 }, waitLong)
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if n := e.step(e.processor(store, f.handle)); n != 0 || f.applied.Load() != 1 {
		t.Fatalf("after restart: processed %d more, applied %d times", n, f.applied.Load())
	}
	if got := e.outTexts(); len(got) != 1 || got[0] != "re: hello" {
		t.Errorf("outbox %q", got)
	}
}

func TestLostGetUpdatesAnswersLoseNothing(t *testing.T) {
	e := newEnv(t)
	u := e.tg.User(42, "Ann", "en")
	e.tg.FailNext("getUpdates", 0, telegramtest.Fault{Drop: true})
	e.tg.FailNext("getUpdates", 0, telegramtest.Fault{Code: 502})
	for _, text := range []string{"one", "two", "three"} {
		e.tg.SendText(u, telegramtest.PrivateChat(u), text)
	}
	ctx, cancel := context.WithCancel(context.Background())
	stored := make(chan struct{}, 10)
	done := make(chan error, 1)
	go func() {
		done <- NewPoller(e.client(nil), e.store, time.Second, time.Now, e.log, nil, func(bool) { stored <- struct{}{} }).Run(ctx)
	}()
	select {
	case <-stored:
	case <-time.After(waitLong):
		t.Fatal("nothing stored")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	var f effects
	if n := e.step(e.processor(e.store, f.handle)); n != 3 {
		t.Fatalf("processed %d updates, want 3", n)
	}
	if got := e.outTexts(); strings.Join(got, ",") != "re: one,re: two,re: three" {
		t.Errorf("outbox %q", got)
	}
}

func TestReplayedUpdateChangesNothing(t *testing.T) {
	e := newEnv(t)
	var f effects
	p := e.processor(e.store, f.handle)
	save := func(items ...storage.InboxItem) {
		e.update(func(tx *storage.Tx) error { return tx.SaveUpdates(items, time.Now()) })
	}
	// Stored twice before processing, and again after.
	save(rawUpdate(t, 7, 42, "hello"))
	save(rawUpdate(t, 7, 42, "hello"))
	if n := e.step(p); n != 1 {
		t.Fatalf("processed %d", n)
	}
	save(rawUpdate(t, 7, 42, "hello"), rawUpdate(t, 8, 42, "again"))
	if n := e.step(p); n != 1 {
		t.Fatalf("processed %d after the replay, want only the new update", n)
	}
	if got := e.outTexts(); strings.Join(got, ",") != "re: hello,re: again" {
		t.Errorf("outbox %q", got)
	}
	if f.applied.Load() != 2 {
		t.Errorf("applied %d times", f.applied.Load())
	}
	var off int64
	e.view(func(tx *storage.Tx) (err error) { off, err = tx.Offset(); return })
	if off != 9 {
		t.Errorf("offset %d, want 9", off)
	}
}

func TestFailedUpdateKeepsTheBatchsOtherEffects(t *testing.T) {
	e := newEnv(t)
	var f effects
	disp, err := NewDispatcher([]Route{{Name: "all", Match: func(*models.Update) bool { return true }, Handle: f.handle}}, f.handle, e.log)
	if err != nil {
		t.Fatal(err)
	}
	items := []storage.InboxItem{
		rawUpdate(t, 1, 101, "a"),
		rawUpdate(t, 2, 102, "fail"),
		rawUpdate(t, 3, 103, "b"),
		{UpdateID: 4, Payload: []byte(`{"update_id":4,"message":`)},
		rawUpdate(t, 5, 105, "panic"),
		rawUpdate(t, 6, 106, "c"),
	}
	e.update(func(tx *storage.Tx) error { return tx.SaveUpdates(items, time.Now()) })
	if n := e.step(e.processor(e.store, disp.Handle)); n != len(items) {
		t.Fatalf("processed %d of %d in one batch", n, len(items))
	}
	if got := e.outTexts(); strings.Join(got, ",") != "re: a,sorry,re: b,sorry,re: c" {
		t.Errorf("outbox %q: the failed updates' writes must be undone, the others kept", got)
	}
	e.view(func(tx *storage.Tx) error {
		for _, it := range items {
			if done, err := tx.UpdateIsDone(it.UpdateID); err != nil || !done {
				t.Errorf("update %d not done (%v)", it.UpdateID, err)
			}
		}
		for _, id := range []int64{101, 103, 106} {
			if _, err := tx.Member(id); err != nil {
				t.Errorf("member %d: %v", id, err)
			}
		}
		for _, id := range []int64{102, 105} {
			if _, err := tx.Member(id); !errors.Is(err, storage.ErrNotFound) {
				t.Errorf("member %d of a failed update: %v", id, err)
			}
		}
		return nil
	})
	if n := e.step(e.processor(e.store, disp.Handle)); n != 0 {
		t.Errorf("%d updates processed again", n)
	}
}
