package pledge

import (
	"encoding/json"
	"fmt"
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// flowPledge is the rating's optional word, after the stars were pressed.
const flowPledge = "pledge"

// pledgeData is the rating conversation's state.
type pledgeData struct {
	Pledge int64 `json:"pledge,omitempty"`
	Stars  int   `json:"stars,omitempty"`
}

// pledgeItems reads one item a line, dropping list marks ("1.", "2、", "-").
func pledgeItems(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		line = strings.TrimLeft(line, "0123456789")
		line = strings.TrimSpace(strings.TrimLeft(line, ".、)）-•·*"))
		if line == "" {
			continue
		}
		out = append(out, core.CleanLine(line))
	}
	return out
}

// pledgeText takes what is typed while rating: the optional word.
func (a *Pledge) pledgeText(r *core.Req, f storage.Flow) error {
	var d pledgeData
	if err := json.Unmarshal([]byte(f.Data), &d); err != nil || f.Step != "word" {
		return r.Tx.EndFlow(r.Me.ID)
	}
	ans, _ := core.ReadAnswer(r.Text)
	switch {
	case ans == core.AnswerCancel:
		if err := r.Tx.EndFlow(r.Me.ID); err != nil {
			return err
		}
		return r.Reply(r.T("cancel.done"), nil)
	case ans == core.AnswerNo || a.isSkip(r.Text):
		return a.pledgeWord(r, d, "") // the Skip button, typed
	}
	return a.pledgeWord(r, d, core.CleanLine(r.Text))
}

// isSkip reports text that is the Skip button's words, in either language.
func (a *Pledge) isSkip(text string) bool {
	w := core.Fold(text)
	return w == core.Fold(a.Cat.T("zh", "pledge.button.skip")) || w == core.Fold(a.Cat.T("en", "pledge.button.skip"))
}

// The pledge itself: the items, then the preview of what the community's
// group will read, to confirm (the answers: "period", "items").
func (a *Pledge) itemsDialog() *core.Dialog {
	return &core.Dialog{
		Name: "pl_items",
		Steps: []core.Step{
			core.TextStep{Name: "items", Label: "pledge.items", Ask: a.askItems, Parse: parseItems},
			core.ConfirmStep{Name: "ok", Summary: a.pledgePreview},
		},
		Done: a.publishPledge,
	}
}

// period is the dialog's pledge period; its name "" when it is gone.
func (a *Pledge) period(r *core.Req, v core.Values) storage.PledgePeriod {
	var id int64
	v.Get("period", &id)
	per, _ := r.Tx.PledgePeriod(id)
	return per
}

func (a *Pledge) askItems(r *core.Req, v core.Values) string {
	return r.T("pledge.ask_items", core.Esc(a.period(r, v).Name), maxPledgeItems, maxPledgeItem)
}

// parseItems checks the items typed.
func parseItems(r *core.Req, _ core.Values, text string) (any, string) {
	items := pledgeItems(text)
	switch {
	case len(items) == 0:
		return nil, r.T("pledge.no_items", maxPledgeItems)
	case len(items) > maxPledgeItems:
		return nil, r.T("pledge.too_many", len(items), maxPledgeItems)
	}
	for i, it := range items {
		if n := core.RuneLen(it); n > maxPledgeItem {
			return nil, r.T("pledge.item_too_long", i+1, n, maxPledgeItem)
		}
	}
	return items, ""
}

// pledgePreview is what the community's group will read, to confirm.
func (a *Pledge) pledgePreview(r *core.Req, v core.Values) string {
	var items []string
	v.Get("items", &items)
	preview := a.pledgeGroupText(a.Cfg.Community.Language, core.Esc(r.Me.Name), core.Esc(a.period(r, v).Name), items)
	return r.T("pledge.preview", preview)
}

// pledgeGroupText is the short list posted in the community's group.
func (a *Pledge) pledgeGroupText(lang, name, period string, items []string) string {
	var b strings.Builder
	b.WriteString(a.Cat.T(lang, "pledge.group", name, period))
	for i, it := range items {
		fmt.Fprintf(&b, "\n%d. %s", i+1, core.Esc(it))
	}
	return b.String()
}

// publishPledge stores the pledge and posts it in the community's groups,
// once who may pledge and the period are checked again.
func (a *Pledge) publishPledge(r *core.Req, v core.Values) error {
	var items []string
	v.Get("items", &items)
	if ok, err := a.mayPledge(r); err != nil || !ok {
		if err != nil {
			return err
		}
		return r.Reply(r.T("pledge.not_allowed"), nil)
	}
	per := a.period(r, v)
	if per.ID == 0 || per.State != storage.PledgeOpen {
		return r.Reply(r.T("pledge.period_ended", core.Esc(per.Name)), nil)
	}
	if _, err := r.Tx.PledgeOf(per.ID, r.Me.ID); err == nil {
		return r.Reply(r.T("pledge.already"), nil)
	} else if !core.IsNotFound(err) {
		return err
	}
	if _, err := r.Tx.CreatePledge(per.ID, r.Me.ID, items, r.Now); err != nil {
		return err
	}
	chats, err := r.Tx.LinkedChats()
	if err != nil {
		return err
	}
	lang := a.Cfg.Community.Language
	posted := 0
	for _, c := range chats {
		if !c.Community {
			continue
		}
		kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: a.Cat.T(lang, "pledge.button.see"), URL: a.DeepLink("pledges")}}}}
		if err := a.Send(r.Tx, c.ID, a.pledgeGroupText(lang, core.Esc(r.Me.Name), core.Esc(per.Name), items), kb, storage.PriorityNotice, r.Now); err != nil {
			return err
		}
		posted++
	}
	key := "pledge.published"
	if posted == 0 {
		key = "pledge.published_no_group"
	}
	return r.Reply(r.T(key, core.Esc(per.Name)), nil)
}

// myPledgePage is the member's own pledge with a check-off button for
// each open item and, once the period ended, one for the self-review.
func (a *Pledge) myPledgePage(r *core.Req, per storage.PledgePeriod, p storage.Pledge) (string, telegram.Keyboard) {
	text := a.pledgeDetail(r, per, p, nil)
	var rows [][]telegram.Button
	if per.State != storage.PledgeClosed {
		var row []telegram.Button
		for _, it := range p.Items {
			if it.DoneAt.IsZero() {
				row = append(row, telegram.Button{Text: r.T("pledge.button.done", it.Pos), CallbackData: fmt.Sprintf("pl:d:%d:%d", p.ID, it.Pos)})
			}
			if len(row) == 5 {
				rows, row = append(rows, row), nil
			}
		}
		if len(row) > 0 {
			rows = append(rows, row)
		}
	}
	if per.State == storage.PledgeReview {
		rows = append(rows, []telegram.Button{{Text: r.T("pledge.button.review"), CallbackData: "pl:sr:" + core.Itoa(p.ID)}})
	}
	return text, telegram.Keyboard{InlineKeyboard: rows}
}

// pledgeDetail is a pledge as anyone may read it: items, notes, the
// self-review, staff's comment and the ratings.
func (a *Pledge) pledgeDetail(r *core.Req, per storage.PledgePeriod, p storage.Pledge, words []string) string {
	var b strings.Builder
	b.WriteString(r.T("pledge.detail.title", core.Esc(a.NameOf(r, p.MemberID)), core.Esc(per.Name), p.Done(), len(p.Items)))
	for _, it := range p.Items {
		mark := "☐"
		if !it.DoneAt.IsZero() {
			mark = "✅"
		}
		fmt.Fprintf(&b, "\n%s %d. %s", mark, it.Pos, core.Esc(it.Text))
		if it.Note != "" {
			b.WriteString("\n    " + r.T("pledge.detail.note", core.Quote(it.Note, maxPledgeNote)))
		}
		if it.Photo != "" {
			b.WriteString(" " + r.T("pledge.detail.photo"))
		}
	}
	if p.Review != "" {
		b.WriteString("\n\n" + r.T("pledge.detail.review", core.Esc(p.Review)))
	}
	if p.Comment != "" {
		b.WriteString("\n" + r.T("pledge.detail.comment", core.Esc(p.Comment)))
	}
	if p.Ratings > 0 {
		b.WriteString("\n" + r.N("pledge.detail.ratings", p.Ratings, fmt.Sprintf("%.1f", p.Average)))
	}
	for _, w := range words {
		b.WriteString("\n  “" + core.Quote(w, maxPledgeWord) + "”")
	}
	return core.Fit(b.String())
}
