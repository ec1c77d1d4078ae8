package services

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
	"courtyard/when"
)

// kindNoticeEnd ends a notice's period.
const kindNoticeEnd = "services.notice_end"

// noticeDays are the periods offered; the first is the default.
var noticeDays = []int{7, 3, 5, 10, 14}

// noticeDialog publishes a notice (of the case seeded as "case", or one
// typed): its period, its groups and a preview of exactly what is posted.
func (a *Services) noticeDialog() *core.Dialog {
	return &core.Dialog{Name: "sv_notice", Min: storage.RoleStaff, Steps: []core.Step{
		core.OnlyIf(func(v core.Values) bool { return v.Int("case") == 0 },
			core.TextStep{Name: "text", Label: "services.step.notice_text", Ask: core.Say("services.ask_notice_text"), Parse: a.readText(1000)}),
		core.ChoiceStep{Name: "days", Label: "services.step.days", Ask: core.Say("services.ask_notice_days"), Options: a.dayOptions, Read: readDays},
		core.ChoiceStep{Name: "where", Label: "services.step.where", Ask: core.Say("services.ask_notice_where"), Options: a.whereOptions},
		core.ConfirmStep{Name: "ok", Summary: a.noticePreview},
	}, Done: a.noticeDone}
}

func (a *Services) startNotice(r *core.Req, c storage.Case) error {
	seed := core.Values{}
	if err := seed.Set("case", c.ID); err != nil {
		return err
	}
	return a.notice.Start(r, seed)
}

func dayOption(n int) core.Option {
	return core.Option{Key: strconv.Itoa(n), Zh: strconv.Itoa(n) + " 天", En: strconv.Itoa(n) + " days"}
}

func (a *Services) dayOptions(*core.Req, core.Values) []core.Option {
	var out []core.Option
	for _, n := range noticeDays {
		out = append(out, dayOption(n))
	}
	return out
}

func readDays(_ *core.Req, _ core.Values, text string) (core.Option, bool) {
	n, err := strconv.Atoi(core.Fold(text))
	if err != nil || n < 1 || n > 30 {
		return core.Option{}, false
	}
	return dayOption(n), true
}

func (a *Services) whereOptions(r *core.Req, _ core.Values) []core.Option {
	out := []core.Option{a.Option("all", "services.where_all")}
	chats, err := r.Tx.LinkedChats()
	if err != nil {
		return out
	}
	for _, c := range chats {
		out = append(out, core.Option{Key: core.Itoa(c.ID), Zh: c.Title, En: c.Title})
	}
	return out
}

// whereChat is the group chosen for a notice, 0 for all.
func whereChat(v core.Values) int64 {
	id, _ := strconv.ParseInt(v.String("where"), 10, 64)
	return id
}

// noticeUntil is when the notice's period ends: the end of its last day.
func (a *Services) noticeUntil(r *core.Req, v core.Values) time.Time {
	days, _ := strconv.Atoi(v.String("days"))
	return a.dayStart(r.Now).AddDate(0, 0, days+1).Add(-time.Minute)
}

// posted is a running notice as its groups read it: its text and its period.
func (a *Services) posted(text string, until, now time.Time) string {
	lang := a.Cfg.Community.Language
	return text + "\n\n" + a.Cat.T(lang, "services.notice_trailer", when.DescribeDate(until, lang, now, a.Loc))
}

// noticeText is the notice's text, in the community's language: for a
// case only what the rules allow (the surname with the given name masked,
// the household's size, the building; never a phone, id or unit).
func (a *Services) noticeText(r *core.Req, v core.Values, until time.Time) (string, error) {
	lang := a.Cfg.Community.Language
	if v.Int("case") == 0 {
		return a.Cat.T(lang, "services.notice_free", core.Esc(v.String("text"))), nil
	}
	c, err := r.Tx.Case(v.Int("case"))
	if err != nil {
		return "", err
	}
	applicant, err := r.Tx.Member(c.MemberID)
	if err != nil && !core.IsNotFound(err) {
		return "", err
	}
	where := a.Cat.T(lang, "ledger.building", core.Esc(c.Building))
	if c.Building == "" {
		where = "—"
	}
	return a.Cat.T(lang, "services.notice_case", core.Esc(maskName(applicant.Name)), c.Household, where, core.Esc(a.name(lang, c.Service))), nil
}

func (a *Services) noticePreview(r *core.Req, v core.Values) string {
	text, err := a.noticeText(r, v, a.noticeUntil(r, v))
	if err != nil {
		return r.T("services.case_not_found")
	}
	where := r.T("services.where_all")
	if v.String("where") != "all" {
		if c, err := r.Tx.Chat(whereChat(v)); err == nil {
			where = core.Esc(c.Title)
		}
	}
	return r.T("services.notice_preview", where, a.posted(text, a.noticeUntil(r, v), r.Now))
}

// noticeDone posts the notice with its objection button to the chosen
// groups and lays out the end of its period.
func (a *Services) noticeDone(r *core.Req, v core.Values) error {
	if id := v.Int("case"); id != 0 {
		c, ok, err := a.loadCase(r, id)
		if err != nil || !ok {
			return err
		}
		if c.State != storage.CasePublicity {
			return r.Reply(r.T("services.case_ended", c.ID), nil)
		}
	}
	until := a.noticeUntil(r, v)
	text, err := a.noticeText(r, v, until)
	if err != nil {
		return err
	}
	var chats []storage.Chat
	if v.String("where") == "all" {
		if chats, err = r.Tx.LinkedChats(); err != nil {
			return err
		}
	} else if c, err := r.Tx.Chat(whereChat(v)); err == nil && c.Linked() {
		chats = []storage.Chat{c}
	} else if err != nil && !core.IsNotFound(err) {
		return err
	}
	if len(chats) == 0 {
		return r.Reply(r.T("services.notice_no_groups"), nil)
	}
	id, err := a.PostNotice(r.Tx, storage.Notice{CaseID: v.Int("case"), Text: text, Until: until, CreatedBy: r.Me.ID}, chats, r.Now)
	if err != nil {
		return err
	}
	a.Audit(r, "services.notice", "sn:"+core.Itoa(id), map[string]any{"case": v.Int("case"), "groups": len(chats)})
	if cid := v.Int("case"); cid != 0 {
		if err := r.Tx.LogCase(cid, r.Me.ID, "notice", "", r.Now); err != nil {
			return err
		}
	}
	return r.Reply(r.T("services.notice_posted", id, len(chats), when.DescribeDate(until, r.Lang, r.Now, a.Loc)), nil)
}

// PostNotice stores notice n, posts it with its objection button to
// chats and lays out the end of its period; it returns the notice's id.
func (a *Services) PostNotice(tx *storage.Tx, n storage.Notice, chats []storage.Chat, now time.Time) (int64, error) {
	id, err := tx.CreateNotice(n, now)
	if err != nil {
		return 0, err
	}
	lang := a.Cfg.Community.Language
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: a.Cat.T(lang, "services.btn_object"), URL: a.DeepLink("obj_" + core.Itoa(id))}}}}
	for _, c := range chats {
		out, err := a.SendID(tx, c.ID, a.posted(n.Text, n.Until, now), kb, storage.PriorityNotice, "sn:"+core.Itoa(id), now)
		if err != nil {
			return 0, err
		}
		if err := tx.AddNoticePost(id, c.ID, out); err != nil {
			return 0, err
		}
	}
	raw, err := json.Marshal(noticeData{Notice: id})
	if err != nil {
		return 0, fmt.Errorf("notice %d: %w", id, err)
	}
	_, err = tx.ScheduleDue(storage.DueItem{Kind: kindNoticeEnd, Key: core.Itoa(id), DueAt: n.Until, Until: n.Until.AddDate(0, 0, 30), Data: string(raw)}, now)
	return id, err
}

type noticeData struct {
	Notice int64 `json:"notice"`
}

// objectDialog takes an objection or a question about a notice, privately.
func (a *Services) objectDialog() *core.Dialog {
	return &core.Dialog{Name: "sv_object", Steps: []core.Step{
		core.TextStep{Name: "text", Ask: func(r *core.Req, v core.Values) string { return r.T("services.ask_objection", v.Int("notice")) }, Parse: a.readText(500)},
	}, Done: a.objectDone}
}

// startObjection begins an objection to notice id, while it runs.
func (a *Services) startObjection(r *core.Req, id int64) error {
	n, err := r.Tx.Notice(id)
	if core.IsNotFound(err) || (err == nil && n.Ended) {
		return r.Reply(r.T("services.notice_over"), nil)
	}
	if err != nil {
		return err
	}
	seed := core.Values{}
	if err := seed.Set("notice", n.ID); err != nil {
		return err
	}
	if err := r.Reply(r.T("services.notice_quote", n.Text), nil); err != nil {
		return err
	}
	return a.object.Start(r, seed)
}

// objectDone passes the objection to staff without its author: nobody but
// the bot knows who raised it.
func (a *Services) objectDone(r *core.Req, v core.Values) error {
	n, err := r.Tx.Notice(v.Int("notice"))
	if core.IsNotFound(err) || (err == nil && n.Ended) {
		return r.Reply(r.T("services.notice_over"), nil)
	}
	if err != nil {
		return err
	}
	if _, err := r.Tx.AddObjection(n.ID, r.Me.ID, v.String("text"), r.Now); err != nil {
		return err
	}
	if err := a.AuditSystem(r.Tx, r.Now, "services.objection", "sn:"+core.Itoa(n.ID), nil); err != nil {
		return err
	}
	staff, err := a.Staff(r.Tx)
	if err != nil {
		return err
	}
	told := 0
	for _, m := range staff {
		ok, err := a.TellTo(r, m.ID, nil, "services.objection_to_staff", n.ID, core.Esc(v.String("text")))
		if err != nil {
			return err
		}
		if ok {
			told++
		}
	}
	if told == 0 {
		return r.Reply(r.T("services.objection_kept"), nil)
	}
	return r.Reply(r.N("services.objection_sent", told), nil)
}

// endNotice ends a notice's period: its copies say so, without the
// button, and staff get the summary of the objections.
func (a *Services) endNotice(ctx context.Context, tx *storage.Tx, it storage.DueItem, now time.Time) error {
	var d noticeData
	if err := json.Unmarshal([]byte(it.Data), &d); err != nil {
		return fmt.Errorf("notice end %s: %w", it.Key, err)
	}
	n, err := tx.Notice(d.Notice)
	if core.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if ended, err := tx.EndNotice(n.ID); err != nil || !ended {
		return err
	}
	posts, err := tx.NoticePosts(n.ID)
	if err != nil {
		return err
	}
	ended := a.Cat.T(a.Cfg.Community.Language, "services.notice_ended", n.Text)
	for _, p := range posts {
		out, err := tx.OutByID(p.OutboxID)
		if core.IsNotFound(err) {
			continue
		}
		if err != nil {
			return err
		}
		if _, err := core.RefreshCopy(tx, out, 0, ended, telegram.Keyboard{InlineKeyboard: [][]telegram.Button{}}, storage.PriorityNotice, "sn:"+core.Itoa(n.ID), now); err != nil {
			return err
		}
	}
	objs, err := tx.Objections(n.ID)
	if err != nil {
		return err
	}
	r := a.SystemReq(ctx, tx, now)
	list := ""
	for i, o := range objs {
		list += fmt.Sprintf("\n%d. %s", i+1, core.Esc(o))
	}
	staff, err := a.Staff(tx)
	if err != nil {
		return err
	}
	for _, m := range staff {
		var kb any
		if n.CaseID != 0 {
			kb = caseKeyboard(a.LangOf(m), a.Cat.T, n.CaseID)
		}
		if _, err := a.TellTo(r, m.ID, kb, "services.notice_summary", n.ID, len(objs), list); err != nil {
			return err
		}
	}
	if n.CaseID != 0 {
		if err := tx.LogCase(n.CaseID, 0, "notice_end", "", now); err != nil {
			return err
		}
	}
	return a.AuditSystem(tx, now, "services.notice_end", "sn:"+core.Itoa(n.ID), map[string]int{"objections": len(objs)})
}
