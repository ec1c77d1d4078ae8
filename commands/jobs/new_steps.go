package jobs

import (
	"strconv"
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
)

// teamOptions are the teams the person may organise a job for, and
// Everyone when they may organise one for everyone.
func (a *Jobs) teamOptions(r *core.Req, _ core.Values) []core.Option {
	teams, err := a.organiserTeams(r)
	if err != nil {
		a.Log.Error("jobs: teams to organise for", "member", r.Me.ID, "err", err)
	}
	var out []core.Option
	for _, tm := range teams {
		out = append(out, core.Option{Key: core.Itoa(tm.ID), Zh: tm.Name})
	}
	if ok, err := a.MayOrganise(r, 0); err != nil {
		a.Log.Error("jobs: may organise for everyone", "member", r.Me.ID, "err", err)
	} else if ok {
		out = append(out, a.Option("0", "job.card.everyone", "所有人", "大家", "everyone", "all"))
	}
	return out
}

// slotOptions are the usual numbers of people, and the number typed.
func (a *Jobs) slotOptions(_ *core.Req, v core.Values) []core.Option {
	opts := []core.Option{{Key: "4", Zh: "4"}, {Key: "6", Zh: "6"}, {Key: "8", Zh: "8"}}
	if k := v.String("slots"); k != "" && !hasKey(opts, k) {
		opts = append(opts, core.Option{Key: k, Zh: k})
	}
	return opts
}

// readSlots reads a typed number of people: 12, 12人, 12 people.
func readSlots(_ *core.Req, _ core.Values, text string) (core.Option, bool) {
	n, ok := readNumber(text, "个人", "人", "位", "名", "people", "persons", "person")
	if !ok || n < 1 || n > maxJobSlots {
		return core.Option{}, false
	}
	return core.Option{Key: strconv.Itoa(n), Zh: strconv.Itoa(n)}, true
}

func (a *Jobs) askWithdraw(r *core.Req, v core.Values) string {
	n, _ := strconv.Atoi(v.String("slots"))
	return r.T("job.ask_withdraw", r.N("count.people", n))
}

// withdrawOptions are the usual hours before the start that withdrawing
// closes, and the hours typed.
func (a *Jobs) withdrawOptions(_ *core.Req, v core.Values) []core.Option {
	var opts []core.Option
	for _, n := range []int{0, 2, 12, 24, 48} {
		opts = append(opts, a.hoursOption(n))
	}
	if n, err := strconv.Atoi(v.String("withdraw")); err == nil && !hasKey(opts, v.String("withdraw")) {
		opts = append(opts, a.hoursOption(n))
	}
	return opts
}

func (a *Jobs) hoursOption(n int) core.Option {
	return core.Option{Key: strconv.Itoa(n), Zh: a.Cat.T("zh", "job.hours", n), En: a.Cat.T("en", "job.hours", n)}
}

// readWithdraw reads typed hours: 6, 6小时, 6h, 6 hours (at most a week).
func (a *Jobs) readWithdraw(_ *core.Req, _ core.Values, text string) (core.Option, bool) {
	n, ok := readNumber(text, "个小时", "小时", "钟头", "hours", "hour", "hrs", "h")
	if !ok || n < 0 || n > 168 {
		return core.Option{}, false
	}
	return a.hoursOption(n), true
}

func hasKey(opts []core.Option, key string) bool {
	for _, o := range opts {
		if o.Key == key {
			return true
		}
	}
	return false
}

// readNumber reads a whole number typed alone or with one of words after it.
func readNumber(text string, words ...string) (int, bool) {
	w := core.Fold(text)
	for _, x := range words {
		if t, ok := strings.CutSuffix(w, x); ok {
			w = strings.TrimSpace(t)
			break
		}
	}
	n, err := strconv.Atoi(w)
	return n, err == nil
}

// postableChats are the linked groups the caller may post a job in: staff
// any; others the community's groups and those of buildings they lead.
func (a *Jobs) postableChats(r *core.Req) ([]storage.Chat, error) {
	all, err := r.Tx.LinkedChats()
	if err != nil {
		return nil, err
	}
	if r.AtLeast(storage.RoleStaff) {
		return all, nil
	}
	var out []storage.Chat
	for _, c := range all {
		if c.Community || (r.Role == storage.RoleLeader && r.Me.LeadsBuilding(c.Building)) {
			out = append(out, c)
		}
	}
	return out, nil
}

// chatOptions are the groups the person may post the job in.
func (a *Jobs) chatOptions(r *core.Req, _ core.Values) []core.Option {
	chats, err := a.postableChats(r)
	if err != nil {
		a.Log.Error("jobs: groups to post in", "member", r.Me.ID, "err", err)
	}
	var out []core.Option
	for _, c := range chats {
		title := c.Title
		if title == "" {
			title = core.Itoa(c.ID)
		}
		out = append(out, core.Option{Key: core.Itoa(c.ID), Zh: title})
	}
	return out
}

// groupsFinish is the button that ends the choice of groups.
func groupsFinish(r *core.Req, ticked int) string {
	if ticked == 0 {
		return r.T("job.groups_none")
	}
	return r.T("job.groups_done")
}

// preview is the job exactly as members will see it, and whom it goes to.
func (a *Jobs) preview(r *core.Req, v core.Values) string {
	d := draftOf(v, r.Me.ID)
	card, err := a.jobCard(r.Tx, r.Lang, d.Job, storage.JobCount{})
	if err != nil {
		a.Log.Error("jobs: preview card", "member", r.Me.ID, "err", err)
		card = "<b>" + core.Esc(d.Job.Title) + "</b>"
	}
	people, err := a.jobAudience(r.Tx, d.Job)
	if err != nil {
		a.Log.Error("jobs: preview audience", "member", r.Me.ID, "err", err)
	}
	told, err := a.toldText(r, d.Job, len(people), d.Chats)
	if err != nil {
		a.Log.Error("jobs: preview groups", "member", r.Me.ID, "err", err)
	}
	return card + "\n\n" + r.T("job.preview", told)
}

func chatIn(chats []storage.Chat, id int64) bool {
	for _, c := range chats {
		if c.ID == id {
			return true
		}
	}
	return false
}
