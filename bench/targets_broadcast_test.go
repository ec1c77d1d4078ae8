package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/config"
	"courtyard/storage"
)

// Targets 3 and 4: staff announce to 10,000 registered residents through
// the real /announce buttons, with a fake server that enforces the three
// sending limits and the same limits in the bot's configuration, scaled up
// (Telegram's 30/s, 1/s a chat, 20/min a group would take six minutes).
// While the announcement goes out, residents send /help at 20 a second:
// half of them are among the recipients (their answer shares the chat with
// their copy of the announcement), half are not (people who have not
// registered, so the announcement is not for them).
//
// Target 4's rate counts every answer to the residents (the announcement
// and the /help answers) from the first delivery of the announcement to its
// last, as a share of the global limit.

const (
	targetResidents  = 10000
	targetAskRate    = 20 // /help a second during the announcement
	targetAskPeople  = 200
	targetGlobal     = 1000
	targetReplyLimit = 1500 * time.Millisecond
	targetNotice     = "周五上午十点消防演练，请提前下楼"
	targetResidentID = 100000
)

var targetLimits = telegramtest.Limits{GlobalPerSecond: targetGlobal, PerChatPerSecond: 100, PerGroupPerMinute: 1200}

// targetRegister writes the residents into the database before the bot
// starts, registered in buildings 1 to 3.
func targetRegister(b *testing.B, path string, n int) {
	b.Helper()
	ctx := context.Background()
	s, err := storage.Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	err = s.Update(ctx, func(tx *storage.Tx) error {
		for i := range n {
			id := int64(targetResidentID + i)
			if err := tx.TouchMember(id, "R"+strconv.Itoa(i), "", "zh", now); err != nil {
				return err
			}
			if err := tx.Register(id, strconv.Itoa(i%3+1), "101", now); err != nil {
				return err
			}
		}
		return nil
	})
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		b.Fatal(err)
	}
}

// targetKnown makes the residents known to the server (the bot may write
// to a person once they have sent an update) and confirms those updates
// with a getUpdates call of its own, so the bot never sees them.
func targetKnown(b *testing.B, tg *telegramtest.Server, users []models.User) {
	b.Helper()
	var last int64
	for _, u := range users {
		last = tg.SendText(u, telegramtest.PrivateChat(u), "/start")
	}
	form := url.Values{"offset": {strconv.FormatInt(last+1, 10)}, "timeout": {"0"}, "limit": {"1"}}
	resp, err := http.PostForm(tg.URL()+"/bot"+telegramtest.Token+"/getUpdates", form)
	if err != nil {
		b.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || tg.Pending() != 0 {
		b.Fatalf("confirming the set-up updates: status %d, %d still pending", resp.StatusCode, tg.Pending())
	}
}

// targetButton is the callback data of m's first button starting with prefix.
func targetButton(m telegramtest.Message, prefix string) string {
	for _, row := range m.Buttons {
		for _, bt := range row {
			if strings.HasPrefix(bt.Data, prefix) {
				return bt.Data
			}
		}
	}
	return ""
}

// targetBroadcast is one run's figures.
type targetBroadcast struct {
	ratePct, noticePct    float64 // answers / announcement copies a second, % of the global limit
	others99, recipient99 float64 // p99 /help reply time, ms
	asked, tooMany        int
}

func targetBroadcastRun(b *testing.B) targetBroadcast {
	b.Helper()
	tg := telegramtest.New(b, telegramtest.WithLimits(targetLimits))
	cfg := targetConfig(b, tg.URL(), 0)
	cfg.Telegram.Limits = config.SendLimits{GlobalPerSecond: targetLimits.GlobalPerSecond,
		PerChatPerSecond: targetLimits.PerChatPerSecond, PerGroupPerMinute: targetLimits.PerGroupPerMinute}
	if err := cfg.Validate(); err != nil {
		b.Fatal(err)
	}
	targetRegister(b, cfg.Database.Path, targetResidents)
	residents := targetUsers(tg, targetResidentID, targetResidents)
	targetKnown(b, tg, residents)
	// Askers alternate: a recipient, then someone who is not one. The
	// recipients are drawn at random (the same each run), so their copies
	// are anywhere in the announcement's queue when they ask.
	askers := make([]models.User, targetAskPeople)
	others := targetUsers(tg, 40000, targetAskPeople/2)
	pick := rand.New(rand.NewPCG(3, 4)).Perm(targetResidents)
	for i := range askers {
		if i%2 == 0 {
			askers[i] = residents[pick[i]]
		} else {
			askers[i] = others[i/2]
		}
	}
	stop := targetRunBot(b, cfg)
	defer stop()

	admin := tg.User(targetAdmin, "Boss", "zh")
	me := telegramtest.PrivateChat(admin)
	tg.SendText(admin, me, "/announce")
	m := tg.WaitMessage(b, admin.ID, func(m telegramtest.Message) bool { return targetButton(m, "an:a:residents") != "" }, targetWait)
	tg.Press(admin, m, "an:a:residents")
	ask := tg.WaitMessage(b, admin.ID, func(m telegramtest.Message) bool { return m.ForceReply }, targetWait)
	tg.SendReply(admin, me, targetNotice, ask)
	ctl := tg.WaitMessage(b, admin.ID, func(m telegramtest.Message) bool { return targetButton(m, "an:send:") != "" }, targetWait)
	base := tg.CallCount("sendMessage")
	sent := func() int { return tg.CallCount("sendMessage") - tg.TooMany() - base }
	tg.Press(admin, ctl, targetButton(ctl, "an:send:"))
	tg.WaitUntil(b, func() bool { return sent() > 0 }, targetWait)

	// /help while the announcement goes out, until 95 % of it is delivered.
	var asked []time.Time
	n := targetPace(targetAskRate, -1, func(i int) bool { return sent()-i >= targetResidents*95/100 }, func(i int) {
		u := askers[i%len(askers)]
		tg.SendText(u, telegramtest.PrivateChat(u), "/help")
		asked = append(asked, time.Now())
	})
	tg.WaitUntil(b, func() bool { return sent() >= targetResidents+n }, targetWait)
	r := targetBroadcast{asked: n, tooMany: tg.TooMany()}
	if v := tg.Violations(); len(v) > 0 {
		b.Fatal(v)
	}

	// One pass over the calls: the announcement's copies and the answers
	// to each asker, in order.
	var first, last time.Time
	copies := 0
	var times []time.Time // every answer accepted, in arrival order
	answers := map[int64][]time.Time{}
	for _, c := range tg.Calls("sendMessage")[base:] {
		if c.Status != http.StatusOK {
			continue
		}
		text, _ := c.Params["text"].(string)
		chat, _ := c.Params["chat_id"].(float64)
		times = append(times, c.At)
		if !strings.Contains(text, targetNotice) {
			answers[int64(chat)] = append(answers[int64(chat)], c.At)
			continue
		}
		copies++
		if first.IsZero() {
			first = c.At
		}
		last = c.At
	}
	if copies != targetResidents {
		b.Fatalf("%d copies of the announcement delivered, want %d", copies, targetResidents)
	}
	during := 0
	for _, t := range times {
		if !t.Before(first) && !t.After(last) {
			during++
		}
	}
	span := last.Sub(first).Seconds()
	r.ratePct = float64(during-1) / span / targetGlobal * 100
	r.noticePct = float64(copies-1) / span / targetGlobal * 100

	var lat [2][]float64 // [0] recipients, [1] others
	next := map[int64]int{}
	for i, at := range asked {
		u := askers[i%len(askers)]
		k := next[u.ID]
		next[u.ID]++
		if k >= len(answers[u.ID]) {
			b.Fatalf("no answer to /help %d of %d", k+1, u.ID)
		}
		who := i % len(askers) % 2
		lat[who] = append(lat[who], float64(answers[u.ID][k].Sub(at))/1e6)
	}
	for i := range lat {
		slices.Sort(lat[i])
	}
	r.recipient99, r.others99 = targetPercentile(lat[0], 99), targetPercentile(lat[1], 99)
	return r
}

// BenchmarkTargetBroadcast is targets 3 and 4. b.N is not used: run it
// with -benchtime 1x.
func BenchmarkTargetBroadcast(b *testing.B) {
	var s targetSeries
	b.Run("10000residents", func(b *testing.B) {
		r := targetBroadcastRun(b)
		b.ReportMetric(0, "ns/op")
		b.ReportMetric(r.ratePct, "rate-%")
		b.ReportMetric(r.noticePct, "notice-rate-%")
		b.ReportMetric(float64(r.tooMany), "429s")
		b.ReportMetric(r.others99, "others-p99-ms")
		b.ReportMetric(r.recipient99, "recipients-p99-ms")
		b.ReportMetric(float64(r.asked), "asked")
		s.add(1, r.ratePct, r.noticePct, float64(r.tooMany), r.others99, r.recipient99)
	})
	m, n := s.medians()
	if n == 0 {
		return
	}
	limit := float64(targetReplyLimit) / 1e6
	fmt.Printf("target 3 replies during a broadcast: p99 %.0f ms (askers not among the recipients); limit %.0f ms: %s (median of %d runs)\n",
		m[3], limit, targetVerdict(m[3] <= limit), n)
	fmt.Printf("target 3 (askers among the recipients): p99 %.0f ms; limit %.0f ms: %s (median of %d runs)\n",
		m[4], limit, targetVerdict(m[4] <= limit), n)
	fmt.Printf("target 4 using the limit: %.1f %% of the global limit %d/s (announcement alone %.1f %%), %.0f 429s; want >= 95 %% and 0: %s (median of %d runs)\n",
		m[0], targetGlobal, m[1], m[2], targetVerdict(m[0] >= 95 && m[2] == 0), n)
}
