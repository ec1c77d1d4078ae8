package pledge

import (
	"encoding/json"
	"fmt"
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

const flowPledge = "pledge"

// pledgeData is the pledge conversation's state.
type pledgeData struct {
	Period int64    `json:"period,omitempty"`
	Items  []string `json:"items,omitempty"`
	Pledge int64    `json:"pledge,omitempty"`
	Pos    int      `json:"pos,omitempty"`
	Stars  int      `json:"stars,omitempty"`
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

// pledgeText takes what is typed inside the pledge conversation.
func (a *Pledge) pledgeText(r *core.Req, f storage.Flow) error {
	var d pledgeData
	if err := json.Unmarshal([]byte(f.Data), &d); err != nil {
		return r.Tx.EndFlow(r.Me.ID)
	}
	switch f.Step {
	case "items", "preview":
		// A list typed again at the preview replaces the draft.
		return a.pledgeDraft(r, d)
	case "note":
		return a.pledgeNote(r, d)
	case "review", "comment":
		return a.pledgeReviewText(r, f.Step, d)
	case "word":
		return a.pledgeWord(r, d, core.CleanLine(r.Text))
	}
	return r.Tx.EndFlow(r.Me.ID)
}

// pledgeDraft checks the items typed and shows the preview: what the
// community's group will read, with Publish / Cancel.
func (a *Pledge) pledgeDraft(r *core.Req, d pledgeData) error {
	items := pledgeItems(core.CleanText(r.Text))
	force := telegram.ForceReply{ForceReply: true}
	switch {
	case len(items) == 0:
		return r.Reply(r.T("pledge.no_items", maxPledgeItems), force)
	case len(items) > maxPledgeItems:
		return r.Reply(r.T("pledge.too_many", len(items), maxPledgeItems), force)
	}
	for i, it := range items {
		if n := core.RuneLen(it); n > maxPledgeItem {
			return r.Reply(r.T("pledge.item_too_long", i+1, n, maxPledgeItem), force)
		}
	}
	per, err := r.Tx.PledgePeriod(d.Period)
	if err != nil {
		return err
	}
	d.Items = items
	if err := r.SetFlow(flowPledge, "preview", d); err != nil {
		return err
	}
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: r.T("pledge.button.publish"), CallbackData: "pl:pub"}, {Text: r.T("button.cancel"), CallbackData: "pl:x"}}}}
	preview := a.pledgeGroupText(a.Cfg.Community.Language, core.Esc(r.Me.Name), core.Esc(per.Name), items)
	return r.Reply(r.T("pledge.preview", preview), kb)
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

// publishPledge stores the draft and posts it in the community's groups.
func (a *Pledge) publishPledge(r *core.Req) error {
	var d pledgeData
	f, ok, err := r.FlowFor(flowPledge, &d)
	if !ok || err != nil {
		return err
	}
	if f.Step != "preview" || len(d.Items) == 0 {
		return r.Toast(r.T("error.stale_button"))
	}
	if ok, err := a.mayPledge(r); err != nil || !ok {
		if err != nil {
			return err
		}
		return r.Toast(r.T("pledge.not_allowed"))
	}
	per, err := r.Tx.PledgePeriod(d.Period)
	if err != nil {
		return err
	}
	if per.State != storage.PledgeOpen {
		return r.Toast(r.T("pledge.period_ended", per.Name))
	}
	if _, err := r.Tx.PledgeOf(per.ID, r.Me.ID); err == nil {
		return r.Toast(r.T("pledge.already"))
	} else if !core.IsNotFound(err) {
		return err
	}
	if _, err := r.Tx.CreatePledge(per.ID, r.Me.ID, d.Items, r.Now); err != nil {
		return err
	}
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
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
		if err := a.Send(r.Tx, c.ID, a.pledgeGroupText(lang, core.Esc(r.Me.Name), core.Esc(per.Name), d.Items), kb, storage.PriorityNotice, r.Now); err != nil {
			return err
		}
		posted++
	}
	if err := r.Toast(""); err != nil {
		return err
	}
	key := "pledge.published"
	if posted == 0 {
		key = "pledge.published_no_group"
	}
	return r.Edit(r.T(key, core.Esc(per.Name)), nil)
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
