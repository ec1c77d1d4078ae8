package services

import (
	"courtyard/commands/core"
	"courtyard/storage"
)

// askMax is the longest question.
const askMax = 500

// askDialog takes a question about a service (its key seeded as "svc",
// "" for a general one) and forwards it to staff privately.
func (a *Services) askDialog() *core.Dialog {
	return &core.Dialog{Name: "sv_ask", Steps: []core.Step{
		core.TextStep{Name: "q", Ask: func(r *core.Req, v core.Values) string {
			return r.T("services.ask_question", core.Esc(a.name(r.Lang, v.String("svc"))))
		}, Parse: a.readText(askMax)},
	}, Done: a.askDone}
}

// readText takes text of at most n characters.
func (a *Services) readText(n int) func(*core.Req, core.Values, string) (any, string) {
	return func(r *core.Req, _ core.Values, text string) (any, string) {
		switch l := core.RuneLen(text); {
		case l == 0:
			return nil, r.T("services.need_text")
		case l > n:
			return nil, r.T("report.too_long", l, n)
		}
		return text, ""
	}
}

func (a *Services) startAsk(r *core.Req, key string) error {
	seed := core.Values{}
	if err := seed.Set("svc", key); err != nil {
		return err
	}
	return a.ask.Start(r, seed)
}

// askDone sends the question to each staff member who can be reached, in
// their language, and tells the asker whom it reached.
func (a *Services) askDone(r *core.Req, v core.Values) error {
	staff, err := a.Staff(r.Tx)
	if err != nil {
		return err
	}
	var told []string
	for _, m := range staff {
		if m.ID == r.Me.ID {
			continue
		}
		ok, err := a.TellTo(r, m.ID, nil, "services.question_to_staff", core.Esc(a.NameOf(r, r.Me.ID)), a.homeOf(r.Me.Building, r.Me.Unit),
			core.InLang(func(lang string) string { return core.Esc(a.name(lang, v.String("svc"))) }), core.Esc(v.String("q")), a.contactOf(r))
		if err != nil {
			return err
		}
		if ok {
			told = append(told, core.Esc(m.Name))
		}
	}
	a.Audit(r, "services.question", "", map[string]any{"service": v.String("svc"), "staff": len(told)})
	if len(told) == 0 {
		return r.Reply(r.T("services.question_nobody"), nil)
	}
	return r.Reply(r.T("services.question_sent", r.ListJoin(told)), nil)
}

// homeOf is a home as staff read it: "3-502", or a dash.
func (a *Services) homeOf(building, unit string) string {
	switch {
	case building == "":
		return "—"
	case unit == "":
		return core.Esc(building)
	}
	return core.Esc(building + "-" + unit)
}

// contactOf is how staff reach the person behind r: their @username, or
// a link to their profile.
func (a *Services) contactOf(r *core.Req) string {
	if r.Me.Username != "" {
		return "@" + core.Esc(r.Me.Username)
	}
	return `<a href="tg://user?id=` + core.Itoa(r.Me.ID) + `">` + core.Esc(a.NameOf(r, r.Me.ID)) + `</a>`
}

var _ = storage.RoleStaff
