package polls

import (
	"context"
	"fmt"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// closeDue closes a poll at its time: a Telegram poll is stopped, and the
// results (per building and in total, with the turnout) go to the groups
// it was posted to and to whoever asked it; a poll asked only in private
// sends them to the residents who voted.
func (a *Polls) closeDue(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
	id, ok := core.IdArg(it.Data)
	if !ok {
		return nil
	}
	closed, err := tx.ClosePoll(id, now)
	if err != nil || !closed {
		return err
	}
	p, err := tx.Poll(id)
	if err != nil {
		return err
	}
	res, err := tx.PollResults(id)
	if err != nil {
		return err
	}
	units, people, err := tx.RegisteredHouseholds()
	if err != nil {
		return err
	}
	outs, err := tx.PollPosts(id)
	if err != nil {
		return err
	}
	for _, oid := range outs {
		out, err := tx.OutByID(oid)
		if core.IsNotFound(err) {
			continue
		}
		if err != nil {
			return err
		}
		if out.Method == "sendPoll" && out.State == storage.OutSent && out.MessageID != 0 {
			stop := telegram.StopPoll{ChatID: out.ChatID, MessageID: out.MessageID}
			if _, err := tx.Enqueue(storage.OutMsg{ChatID: out.ChatID, Method: "stopPoll", Payload: telegram.Marshal(stop),
				Priority: storage.PriorityNotice}, now); err != nil {
				return err
			}
		}
		if err := a.Send(tx, out.ChatID, a.results(a.Cfg.Community.Language, p, res, units, people), nil, storage.PriorityNotice, now); err != nil {
			return err
		}
	}
	told := map[int64]bool{}
	tell := func(m int64) error {
		if told[m] {
			return nil
		}
		told[m] = true
		mem, err := tx.Member(m)
		if core.IsNotFound(err) {
			return nil
		}
		if err != nil {
			return err
		}
		if ok, err := a.Reachable(tx, mem); err != nil || !ok {
			return err
		}
		return a.Send(tx, m, a.results(a.LangOf(mem), p, res, units, people), nil, storage.PriorityReply, now)
	}
	if err := tell(p.CreatedBy); err != nil {
		return err
	}
	if len(outs) == 0 {
		voters, err := tx.PollVoters(id)
		if err != nil {
			return err
		}
		for _, m := range voters {
			if err := tell(m); err != nil {
				return err
			}
		}
	}
	return nil
}

// results are a closed poll's counts in lang: each building's, then the
// total, each with its turnout against the registered households (or
// residents, for a poll of one vote a person).
func (a *Polls) results(lang string, p storage.Poll, res map[string]storage.PollTally, units, people map[string]int) string {
	if p.Native {
		// Telegram counted it: the poll itself shows the results now.
		return a.Cat.T(lang, "poll.native_closed", core.Esc(p.Question))
	}
	reg := units
	if p.Per == storage.PollPerPerson {
		reg = people
	}
	bs := p.Buildings
	if len(bs) == 0 {
		bs = a.Cfg.Community.Buildings
	}
	var b strings.Builder
	b.WriteString(a.Cat.T(lang, "poll.results_head", core.Esc(p.Question)))
	total := storage.PollTally{Options: make([]int, len(p.Options))}
	totalReg := 0
	line := func(name string, t storage.PollTally, registered int) {
		var parts []string
		for i, o := range p.Options {
			n := 0
			if t.Options != nil {
				n = t.Options[i]
			}
			parts = append(parts, fmt.Sprintf("%s %d", core.Esc(o), n))
		}
		b.WriteString("\n" + a.Cat.T(lang, "poll.results_line", name, strings.Join(parts, " · "),
			a.Cat.T(lang, "poll.turnout_"+p.Per, t.Voters, registered, pct(t.Voters, registered))))
	}
	for _, bl := range bs {
		t := res[bl]
		if t.Voters == 0 && reg[bl] == 0 {
			continue
		}
		line(a.Cat.T(lang, "pp.where_b", bl), t, reg[bl])
		total.Voters += t.Voters
		for i := range total.Options {
			if t.Options != nil {
				total.Options[i] += t.Options[i]
			}
		}
		totalReg += reg[bl]
	}
	line(a.Cat.T(lang, "poll.total"), total, totalReg)
	return b.String()
}

func pct(n, of int) string {
	if of == 0 {
		return "—"
	}
	return fmt.Sprintf("%d%%", (200*n+of)/(2*of))
}
