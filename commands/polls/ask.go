package polls

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
	"courtyard/when"
)

// Limits of a poll.
const (
	maxQuestion = 300
	maxOption   = 100
	minOptions  = 2
	maxOptions  = 10
)

// pollDialog is /poll: the question, the options (a line each), one
// choice or several, a vote a household or a person, which buildings,
// how it is asked, when it closes; then what it will look like, to
// confirm.
func (a *Polls) pollDialog() *core.Dialog {
	return &core.Dialog{
		Name: "poll",
		Min:  storage.RoleLeader,
		Steps: []core.Step{
			core.TextStep{Name: "q", Label: "poll.step.q", Ask: core.Say("poll.ask_q", maxQuestion), Parse: readQuestion},
			core.TextStep{Name: "opts", Label: "poll.step.opts", Ask: core.Say("poll.ask_opts", minOptions, maxOptions, maxOption), Parse: readOptions},
			core.ChoiceStep{Name: "multi", Label: "poll.step.multi", Ask: core.Say("poll.ask_multi"), Columns: 1, Options: func(*core.Req, core.Values) []core.Option {
				return []core.Option{a.Option("one", "poll.one", "一个", "one"), a.Option("many", "poll.many", "多个", "several")}
			}},
			core.ChoiceStep{Name: "per", Label: "poll.step.per", Ask: core.Say("poll.ask_per"), Columns: 1, Options: func(*core.Req, core.Values) []core.Option {
				return []core.Option{a.Option(storage.PollPerUnit, "poll.per_unit", "每户", "household"), a.Option(storage.PollPerPerson, "poll.per_person", "每人", "person")}
			}},
			core.ChoiceStep{Name: "where", Label: "poll.step.where", Ask: core.Say("poll.ask_where"), Options: a.whereOptions},
			core.ChoiceStep{Name: "how", Label: "poll.step.how", Ask: core.Say("poll.ask_how"), Columns: 1, Options: func(*core.Req, core.Values) []core.Option {
				return []core.Option{a.Option("private", "poll.how_private", "私信"), a.Option("groups", "poll.how_groups", "群"),
					a.Option("both", "poll.how_both", "都要", "both"), a.Option("native", "poll.how_native", "群投票")}
			}},
			core.DateStep{Name: "closes", Label: "poll.step.closes", Parse: readCloses, Refuse: refuseCloses,
				Ask: func(r *core.Req, _ core.Values) string { return r.T("poll.ask_closes", when.Example(r.Lang)) }},
			core.ConfirmStep{Name: "ok", Summary: a.summary},
		},
		Done: a.asked,
	}
}

// Poll is /poll.
func (a *Polls) Poll(r *core.Req) error {
	if len(a.askable(r)) == 0 {
		return r.Reply(r.T("poll.not_yours"), nil)
	}
	return a.ask.Start(r, core.Values{})
}

func readQuestion(r *core.Req, _ core.Values, text string) (any, string) {
	line := core.CleanLine(text)
	switch {
	case line == "":
		return nil, r.T("poll.ask_q", maxQuestion)
	case core.RuneLen(line) > maxQuestion:
		return nil, r.T("pp.too_long", core.RuneLen(line), maxQuestion)
	}
	return line, ""
}

func readOptions(r *core.Req, _ core.Values, text string) (any, string) {
	var out []string
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(l), "0123456789.、)）-•·*"))
		if l == "" {
			continue
		}
		if core.RuneLen(l) > maxOption {
			return nil, r.T("poll.option_too_long", core.LimitRunes(l, 20), maxOption)
		}
		out = append(out, core.CleanLine(l))
	}
	if len(out) < minOptions || len(out) > maxOptions {
		return nil, r.T("poll.options_count", len(out), minOptions, maxOptions)
	}
	return out, ""
}

func readCloses(text string, now time.Time, loc *time.Location) (any, error) {
	sp, err := when.Parse(text, now, loc)
	if err != nil {
		return nil, err
	}
	if !sp.Start.After(now.Add(5 * time.Minute)) {
		return nil, when.ErrPast
	}
	return sp.Start, nil
}

func refuseCloses(r *core.Req, err error) string {
	if errors.Is(err, when.ErrPast) {
		return r.T("poll.closes_past", when.Example(r.Lang))
	}
	return r.T("poll.bad_closes", when.Example(r.Lang))
}

func (a *Polls) whereOptions(r *core.Req, _ core.Values) []core.Option {
	var out []core.Option
	if r.AtLeast(storage.RoleStaff) {
		out = append(out, a.Option("all", "poll.where_all", "全部", "all"))
	}
	for _, b := range a.askable(r) {
		out = append(out, core.Option{Key: "b:" + b, Zh: a.Cat.T("zh", "pp.where_b", b), En: a.Cat.T("en", "pp.where_b", b), Words: []string{b}})
	}
	return out
}

// draft is the poll the answers make.
func draft(r *core.Req, v core.Values) storage.Poll {
	p := storage.Poll{CreatedBy: r.Me.ID, Question: v.String("q"), Multi: v.String("multi") == "many", Per: v.String("per"), State: "open"}
	v.Get("opts", &p.Options)
	v.Get("closes", &p.ClosesAt)
	if b, ok := strings.CutPrefix(v.String("where"), "b:"); ok {
		p.Buildings = []string{b}
	}
	switch v.String("how") {
	case "private":
		p.Private = true
	case "groups":
		p.Groups = true
	case "both":
		p.Private, p.Groups = true, true
	case "native":
		// Telegram counts its own poll one vote an account.
		p.Native, p.Per = true, storage.PollPerPerson
	}
	return p
}

func (a *Polls) summary(r *core.Req, v core.Values) string {
	p := draft(r, v)
	return r.T("poll.preview", a.pollText(r.Lang, p), a.howText(r.Lang, p))
}

// howText says to whom and how a poll is asked, and how it counts.
func (a *Polls) howText(lang string, p storage.Poll) string {
	where := a.Cat.T(lang, "poll.where_all")
	if len(p.Buildings) > 0 {
		where = a.Cat.T(lang, "pp.where_b", p.Buildings[0])
	}
	how := "groups"
	switch {
	case p.Native:
		how = "native"
	case p.Private && p.Groups:
		how = "both"
	case p.Private:
		how = "private"
	}
	return a.Cat.T(lang, "poll.how_line", where, a.Cat.T(lang, "poll.how_"+how), a.Cat.T(lang, "poll.per_"+p.Per), a.WhenIn(lang, p.ClosesAt))
}

// pollText is the question and its options, numbered.
func (a *Polls) pollText(lang string, p storage.Poll) string {
	var b strings.Builder
	b.WriteString("🗳 " + core.Esc(p.Question))
	for i, o := range p.Options {
		fmt.Fprintf(&b, "\n%d. %s", i+1, core.Esc(o))
	}
	key := "poll.one_hint"
	if p.Multi {
		key = "poll.many_hint"
	}
	b.WriteString("\n" + a.Cat.T(lang, key))
	return b.String()
}

// voteButtons are the options as buttons.
func voteButtons(p storage.Poll) telegram.Keyboard {
	var rows [][]telegram.Button
	for i, o := range p.Options {
		rows = append(rows, []telegram.Button{{Text: core.LimitRunes(fmt.Sprintf("%d. %s", i+1, o), 40),
			CallbackData: fmt.Sprintf("po:v:%d:%d", p.ID, i)}})
	}
	return telegram.Keyboard{InlineKeyboard: rows}
}

// asked stores the poll, asks it and lays its close.
func (a *Polls) asked(r *core.Req, v core.Values) error {
	p := draft(r, v)
	allowed := a.askable(r)
	for _, b := range p.Buildings {
		if !core.ContainsStr(allowed, b) {
			return r.Reply(r.T("poll.not_yours"), nil)
		}
	}
	if len(p.Buildings) == 0 && !r.AtLeast(storage.RoleStaff) {
		return r.Reply(r.T("poll.not_yours"), nil)
	}
	id, err := r.Tx.CreatePoll(p, r.Now)
	if err != nil {
		return err
	}
	p.ID = id
	n, err := a.deliver(r, p)
	if err != nil {
		return err
	}
	if _, err := r.Tx.ScheduleDue(storage.DueItem{Kind: kindClose, Key: core.Itoa(id), DueAt: p.ClosesAt, Data: core.Itoa(id)}, r.Now); err != nil {
		return err
	}
	return r.Reply(r.T("poll.asked", id, n, a.WhenIn(r.Lang, p.ClosesAt)), nil)
}

// groups are the linked groups of the poll's buildings, or of the whole
// community (buildings' and the community's) when it is everyone's.
func groups(tx *storage.Tx, p storage.Poll) ([]storage.Chat, error) {
	return tx.LinkedChats(p.Buildings...)
}

// deliver asks the poll: in private to each registered resident, with
// buttons in the groups, or as Telegram's poll there. It returns the
// chats asked.
func (a *Polls) deliver(r *core.Req, p storage.Poll) (int, error) {
	n := 0
	ref := "po:" + core.Itoa(p.ID)
	if p.Private {
		people, err := r.Tx.Residents(p.Buildings...)
		if err != nil {
			return 0, err
		}
		for _, m := range people {
			if !core.CanDM(m) {
				continue
			}
			lang := a.LangOf(m)
			text := a.Cat.T(lang, "poll.dm_head") + "\n" + a.pollText(lang, p) + "\n" + a.howText(lang, p)
			if _, err := a.SendID(r.Tx, m.ID, text, voteButtons(p), storage.PriorityBulk, ref, r.Now); err != nil {
				return 0, err
			}
			n++
		}
	}
	if !p.Groups && !p.Native {
		return n, nil
	}
	chats, err := groups(r.Tx, p)
	if err != nil {
		return 0, err
	}
	lang := a.Cfg.Community.Language
	for _, c := range chats {
		var out int64
		if p.Native {
			send := telegram.SendPoll{ChatID: c.ID, Question: core.LimitRunes(p.Question, maxQuestion), IsAnonymous: true,
				AllowsMultipleAnswers: p.Multi, HideResultsUntilCloses: true}
			for _, o := range p.Options {
				send.Options = append(send.Options, telegram.InputPollOption{Text: o})
			}
			out, err = r.Tx.Enqueue(storage.OutMsg{ChatID: c.ID, Method: "sendPoll", Payload: telegram.Marshal(send),
				Priority: storage.PriorityNotice, Ref: ref}, r.Now)
		} else {
			out, err = a.SendID(r.Tx, c.ID, a.pollText(lang, p)+"\n"+a.howText(lang, p), voteButtons(p), storage.PriorityNotice, ref, r.Now)
		}
		if err != nil {
			return 0, err
		}
		if err := r.Tx.AddPollPost(p.ID, out); err != nil {
			return 0, err
		}
		n++
	}
	return n, nil
}

// Ask stores p, asks it and lays its close, as its asker's confirmation
// does (the playground's demo community).
func (a *Polls) Ask(ctx context.Context, tx *storage.Tx, p storage.Poll, now time.Time) (int64, error) {
	id, err := tx.CreatePoll(p, now)
	if err != nil {
		return 0, err
	}
	p.ID = id
	if _, err := a.deliver(a.SystemReq(ctx, tx, now), p); err != nil {
		return 0, err
	}
	_, err = tx.ScheduleDue(storage.DueItem{Kind: kindClose, Key: core.Itoa(id), DueAt: p.ClosesAt, Data: core.Itoa(id)}, now)
	return id, err
}
