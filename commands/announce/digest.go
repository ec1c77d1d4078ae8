package announce

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/schedule"
	"courtyard/storage"
)

// kindDigest is a person's digest of the day's scheduled notices over
// notify.max_scheduled_per_day; its Key is their chat id.
const kindDigest = "ann.digest"

// digestHour is when the day's digest goes, in the community's zone.
const digestHour = 20

type digestData struct {
	Anns []int64 `json:"anns"`
}

// Kinds are announce's kinds of timed work.
func (a *Announce) Kinds() map[string]schedule.Kind {
	return map[string]schedule.Kind{kindDigest: {Do: a.sendDigest}}
}

// overDailyLimit reports that chat, a person, has had its share of
// scheduled notices today, this one counted.
func (a *Announce) overDailyLimit(r *core.Req, chat int64) (bool, error) {
	n := r.Now.In(a.Loc)
	day := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, a.Loc)
	got, err := r.Tx.ScheduledToChatSince(chat, day)
	return got > a.Cfg.Notify.MaxScheduledPerDay, err
}

// holdForDigest adds ann to chat's digest, sent at digestHour (today's,
// or tomorrow's once it has passed).
func (a *Announce) holdForDigest(r *core.Req, chat int64, ann int64) error {
	key := core.Itoa(chat)
	var d digestData
	pending, err := r.Tx.PendingDue(kindDigest, key)
	if err != nil {
		return err
	}
	at := time.Time{}
	for _, it := range pending {
		if it.Key == key {
			if err := json.Unmarshal([]byte(it.Data), &d); err != nil {
				return fmt.Errorf("announce: digest of %s: %w", key, err)
			}
			at = it.DueAt
		}
	}
	if at.IsZero() {
		n := r.Now.In(a.Loc)
		at = time.Date(n.Year(), n.Month(), n.Day(), digestHour, 0, 0, 0, a.Loc)
		if !at.After(r.Now) {
			at = at.AddDate(0, 0, 1)
		}
	}
	d.Anns = append(d.Anns, ann)
	raw, err := json.Marshal(d)
	if err != nil {
		return err
	}
	_, err = r.Tx.ScheduleDue(storage.DueItem{Kind: kindDigest, Key: key, DueAt: at, Data: string(raw)}, r.Now)
	return err
}

// sendDigest sends a person the notices held for them, in one message.
func (a *Announce) sendDigest(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
	var d digestData
	if err := json.Unmarshal([]byte(it.Data), &d); err != nil || len(d.Anns) == 0 {
		return err
	}
	chat, ok := core.IdArg(it.Key)
	if !ok {
		return nil
	}
	m, err := tx.Member(chat)
	if core.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	lang := a.LangOf(m)
	r := a.SystemReq(ctx, tx, now)
	var b strings.Builder
	b.WriteString(a.Cat.T(lang, "ann.digest", len(d.Anns)))
	for _, id := range d.Anns {
		ann, err := tx.Announcement(id)
		if core.IsNotFound(err) {
			continue
		}
		if err != nil {
			return err
		}
		b.WriteString("\n\n" + a.Cat.T(lang, "ann.digest_item", core.Esc(ann.Text), core.Esc(a.NameOf(r, ann.SenderID))))
	}
	return a.Send(tx, chat, core.Fit(b.String()), nil, storage.PriorityBulk, now)
}
