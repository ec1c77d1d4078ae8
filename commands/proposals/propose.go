package proposals

import (
	"courtyard/commands/core"
	"courtyard/storage"
)

// Limits of a proposal.
const (
	maxTitle = 60
	maxBody  = 1000
)

const flowPropose = "propose"

// body is what a proposal says: words, or a voice note.
type body struct {
	Text  string `json:"text,omitempty"`
	Voice string `json:"voice,omitempty"`
	Secs  int    `json:"secs,omitempty"`
}

// proposeDialog is /propose: a title, a few sentences or a voice message,
// a photo if they like, their building or the whole community, whether
// neighbours see their name; then the group's post exactly as it will
// read, and the confirmation that posts it. Nothing is posted before.
func (a *Proposals) proposeDialog() *core.Dialog {
	return &core.Dialog{
		Name: flowPropose,
		Steps: []core.Step{
			core.TextStep{Name: "title", Label: "pp.step.title", Ask: core.Say("pp.ask_title", maxTitle), Parse: readTitle},
			core.TextStep{Name: "body", Label: "pp.step.body", Ask: core.Say("pp.ask_body", maxBody), Parse: readBody},
			core.OptionalStep{TextStep: core.TextStep{Name: "photo", Label: "pp.step.photo", Ask: core.Say("pp.ask_photo"), Parse: readPhoto},
				Skip: core.Say("pp.no_photo")},
			core.ChoiceStep{Name: "where", Label: "pp.step.where", Ask: core.Say("pp.ask_where"), Options: a.whereOptions, Columns: 1},
			core.ChoiceStep{Name: "name", Label: "pp.step.name", Ask: core.Say("pp.ask_name"), Options: a.nameOptions, Columns: 1},
			core.ConfirmStep{Name: "ok", Summary: a.preview},
		},
		Done: a.post,
	}
}

// Propose is /propose and the menu's button.
func (a *Proposals) Propose(r *core.Req) error {
	if !r.Private() {
		return r.Reply(r.T("pp.go_private"), a.LinkKeyboard(r, "start"))
	}
	if !r.Me.Registered() {
		return r.Reply(r.T("pp.register_first"), nil)
	}
	seed := core.Values{}
	if t := core.CleanLine(r.Args); t != "" {
		if v, refusal := readTitle(r, nil, t); refusal == "" {
			if err := seed.Set("title", v); err != nil {
				return err
			}
		}
	}
	return a.propose.Start(r, seed)
}

func readTitle(r *core.Req, _ core.Values, text string) (any, string) {
	line := core.CleanLine(text)
	switch {
	case line == "":
		return nil, r.T("pp.ask_title", maxTitle)
	case core.RuneLen(line) > maxTitle:
		return nil, r.T("pp.too_long", core.RuneLen(line), maxTitle)
	}
	return line, ""
}

// readBody takes the words, or a voice note (its caption, if any, is kept).
func readBody(r *core.Req, _ core.Values, text string) (any, string) {
	if v := core.VoiceOf(r); v != nil {
		return body{Text: core.LimitRunes(text, maxBody), Voice: v.FileID, Secs: v.Seconds}, ""
	}
	switch {
	case text == "":
		return nil, r.T("pp.ask_body", maxBody)
	case core.RuneLen(text) > maxBody:
		return nil, r.T("pp.too_long", core.RuneLen(text), maxBody)
	}
	return body{Text: text}, ""
}

func readPhoto(r *core.Req, _ core.Values, _ string) (any, string) {
	if p := core.LargestPhoto(r); p != "" {
		return p, ""
	}
	return nil, r.T("pp.photo_only")
}

func (a *Proposals) whereOptions(r *core.Req, _ core.Values) []core.Option {
	b := r.Me.Building
	return []core.Option{
		{Key: "b", Zh: a.Cat.T("zh", "pp.where_building", b), En: a.Cat.T("en", "pp.where_building", b), Words: []string{b, "本楼", "my building"}},
		a.Option("all", "pp.where_all", "全社区", "社区", "community", "all"),
	}
}

func (a *Proposals) nameOptions(*core.Req, core.Values) []core.Option {
	return []core.Option{
		a.Option("show", "report.show_name", "显示", "show"),
		a.Option("hide", "report.hide_name", "隐藏", "hide"),
	}
}

// draft is the proposal the answers make, not yet stored.
func draft(r *core.Req, v core.Values) storage.Proposal {
	var b body
	v.Get("body", &b)
	p := storage.Proposal{MemberID: r.Me.ID, Title: v.String("title"), Body: b.Text, Voice: b.Voice, VoiceSecs: b.Secs,
		Photo: v.String("photo"), HideName: v.String("name") == "hide", State: storage.ProposalOpen, Supports: 1}
	if v.String("where") == "b" {
		p.Building = r.Me.Building
	}
	return p
}

// preview is the group's post as it will read, and where it goes.
func (a *Proposals) preview(r *core.Req, v core.Values) string {
	p := draft(r, v)
	where := r.T("pp.preview_group_building", core.Esc(p.Building))
	if p.Building == "" {
		where = r.T("pp.preview_group_all")
	}
	line := a.groupLine(p, r.Me.Name)
	if p.Photo != "" {
		line += "\n" + r.T("pp.preview_photo")
	}
	if p.Voice != "" {
		line += "\n" + r.T("pp.preview_voice")
	}
	return r.T("pp.preview", where, line)
}

// post stores the proposal and posts it to its groups.
func (a *Proposals) post(r *core.Req, v core.Values) error {
	p := draft(r, v)
	id, err := r.Tx.CreateProposal(p, r.Now)
	if err != nil {
		return err
	}
	p.ID, p.CreatedAt = id, r.Now
	chats, err := a.groups(r.Tx, p)
	if err != nil {
		return err
	}
	if err := a.postTo(r, p, chats); err != nil {
		return err
	}
	key := "pp.posted"
	if len(chats) == 0 {
		key = "pp.posted_no_group"
	}
	return r.Reply(r.T(key, id), a.MainMenu(r))
}
