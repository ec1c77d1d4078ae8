package bench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"courtyard/bot"
	"courtyard/bot/telegramtest"
	"courtyard/storage"
	"courtyard/telegram"
	"courtyard/testkit"
)

// The sender alone at its limits, in real time: an announcement of 520
// messages (200 people get 2, 5 people 20, 4 groups 5) against a server
// enforcing the same limits as the sender (200/s, 10/s a chat, 120/min a
// group), with 10 replies queued a third of the way through. The figure is
// the time from the first send to the last as a ratio to the least the
// limits allow (the test on the fake clock, bot's
// TestSenderKeepsLimitsAtFullSpeed, gets 1.037); beside it the 429s and how
// long the replies took, as a share of the whole send.
//
//	go test -run '^$' -bench Sender -benchtime 5x ./bench/
func BenchmarkSender(b *testing.B) {
	var ratio, replies, tooMany []float64
	for range b.N {
		r := senderRun(b)
		ratio, replies, tooMany = append(ratio, r.ratio), append(replies, r.replies), append(tooMany, float64(r.tooMany))
	}
	x, rep, tm := timedMedian(ratio), timedMedian(replies), timedMedian(tooMany)
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(x, "x-limits")
	b.ReportMetric(rep, "replies-share")
	b.ReportMetric(tm, "429s")
	if b.N > 1 {
		fmt.Printf("sender: %.3f× the least time the limits allow; replies out within %.3f of the whole send; %.0f 429s (median of %d)\n", x, rep, tm, b.N)
	}
}

type senderFigures struct {
	ratio, replies float64
	tooMany        int
}

func senderRun(b *testing.B) senderFigures {
	b.Helper()
	lim := bot.Limits{GlobalPerSecond: 200, PerChatPerSecond: 10, PerGroupPerMinute: 120}
	tg := telegramtest.New(b, telegramtest.WithLimits(telegramtest.Limits{
		GlobalPerSecond: lim.GlobalPerSecond, PerChatPerSecond: lim.PerChatPerSecond, PerGroupPerMinute: lim.PerGroupPerMinute,
	}))
	store := testkit.StoreAt(b, filepath.Join(b.TempDir(), "sender.db"))
	msg := func(chat int64, text string, prio int) storage.OutMsg {
		return storage.OutMsg{ChatID: chat, Method: "sendMessage", Priority: prio,
			Payload: telegram.Marshal(telegram.SendMessage{ChatID: chat, Text: text})}
	}
	enqueue := func(rows []storage.OutMsg) {
		err := store.Update(context.Background(), func(tx *storage.Tx) error {
			for _, m := range rows {
				if _, err := tx.Enqueue(m, time.Now()); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	known := func(id int64) {
		u := tg.User(id, "U", "en")
		tg.SendText(u, telegramtest.PrivateChat(u), "/start")
	}
	var bulk []storage.OutMsg
	for g := range 4 {
		id := int64(-1001 - g)
		tg.Group(id, fmt.Sprintf("G%d", g))
		for k := range 5 {
			bulk = append(bulk, msg(id, fmt.Sprintf("group %d part %d", g, k), storage.PriorityBulk))
		}
	}
	for p := range 205 {
		id := int64(5001 + p)
		known(id)
		n := 2
		if p < 5 {
			n = 20
		}
		for k := range n {
			bulk = append(bulk, msg(id, fmt.Sprintf("notice %d part %d", p, k), storage.PriorityBulk))
		}
	}
	var rs []storage.OutMsg
	for k := range 10 {
		known(int64(7001 + k))
		rs = append(rs, msg(int64(7001+k), fmt.Sprintf("reply %d", k), storage.PriorityReply))
	}
	enqueue(bulk)

	s := bot.NewSender(bot.NewClient(tg.URL(), telegramtest.Token, nil), store, lim, slog.New(slog.NewTextHandler(io.Discard, nil)))
	done := make(chan error, 1)
	go func() { done <- s.Run(context.Background()) }()
	tg.WaitUntil(b, func() bool { return tg.CallCount("sendMessage") >= len(bulk)/3 }, targetWait)
	queued := time.Now()
	enqueue(rs)
	s.Wake()
	s.Drain()
	if err := <-done; err != nil {
		b.Fatal(err)
	}

	var first, last time.Time
	var worst time.Duration
	sent := 0
	for _, c := range tg.Calls("sendMessage") {
		if c.Status != 200 {
			continue
		}
		sent++
		if first.IsZero() {
			first = c.At
		}
		last = c.At
		if id, _ := c.Params["chat_id"].(float64); id > 7000 {
			worst = max(worst, c.At.Sub(queued))
		}
	}
	total := len(bulk) + len(rs)
	if sent != total {
		b.Fatalf("%d messages sent, want %d", sent, total)
	}
	minimum := max(float64(total-1)/lim.GlobalPerSecond, 4*60/lim.PerGroupPerMinute, 19/lim.PerChatPerSecond)
	elapsed := last.Sub(first).Seconds()
	return senderFigures{ratio: elapsed / minimum, replies: worst.Seconds() / elapsed, tooMany: tg.TooMany()}
}
