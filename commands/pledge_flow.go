package commands

import (
	"encoding/json"
	"fmt"
	"strings"

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
		out = append(out, cleanLine(line))
	}
	return out
}

// pledgeText takes what is typed inside the pledge conversation.
func (a *App) pledgeText(r *req, f storage.Flow) error {
	var d pledgeData
	if err := json.Unmarshal([]byte(f.Data), &d); err != nil {
		return r.tx.EndFlow(r.me.ID)
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
		return a.pledgeWord(r, d, cleanLine(r.text))
	}
	return r.tx.EndFlow(r.me.ID)
}

// pledgeDraft checks the items typed and shows the preview: what the
// community's group will read, with Publish / Cancel.
func (a *App) pledgeDraft(r *req, d pledgeData) error {
	items := pledgeItems(cleanText(r.text))
	force := telegram.ForceReply{ForceReply: true}
	switch {
	case len(items) == 0:
		return r.reply(r.t("pledge.no_items", maxPledgeItems), force)
	case len(items) > maxPledgeItems:
		return r.reply(r.t("pledge.too_many", len(items), maxPledgeItems), force)
	}
	for i, it := range items {
		if n := runeLen(it); n > maxPledgeItem {
			return r.reply(r.t("pledge.item_too_long", i+1, n, maxPledgeItem), force)
		}
	}
	per, err := r.tx.PledgePeriod(d.Period)
	if err != nil {
		return err
	}
	d.Items = items
	if err := r.setFlow(flowPledge, "preview", d); err != nil {
		return err
	}
	kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: r.t("pledge.button.publish"), CallbackData: "pl:pub"}, {Text: r.t("button.cancel"), CallbackData: "pl:x"}}}}
	preview := a.pledgeGroupText(a.cfg.Community.Language, esc(r.me.Name), esc(per.Name), items)
	return r.reply(r.t("pledge.preview", preview), kb)
}

// pledgeGroupText is the short list posted in the community's group.
func (a *App) pledgeGroupText(lang, name, period string, items []string) string {
	var b strings.Builder
	b.WriteString(a.cat.T(lang, "pledge.group", name, period))
	for i, it := range items {
		fmt.Fprintf(&b, "\n%d. %s", i+1, esc(it))
	}
	return b.String()
}

// publishPledge stores the draft and posts it in the community's groups.
func (a *App) publishPledge(r *req) error {
	var d pledgeData
	f, ok, err := r.flowFor(flowPledge, &d)
	if !ok || err != nil {
		return err
	}
	if f.Step != "preview" || len(d.Items) == 0 {
		return r.toast(r.t("error.stale_button"))
	}
	if ok, err := a.mayPledge(r); err != nil || !ok {
		if err != nil {
			return err
		}
		return r.toast(r.t("pledge.not_allowed"))
	}
	per, err := r.tx.PledgePeriod(d.Period)
	if err != nil {
		return err
	}
	if per.State != storage.PledgeOpen {
		return r.toast(r.t("pledge.period_ended", per.Name))
	}
	if _, err := r.tx.PledgeOf(per.ID, r.me.ID); err == nil {
		return r.toast(r.t("pledge.already"))
	} else if !isNotFound(err) {
		return err
	}
	if _, err := r.tx.CreatePledge(per.ID, r.me.ID, d.Items, r.now); err != nil {
		return err
	}
	if err := r.tx.EndFlow(r.me.ID); err != nil {
		return err
	}
	chats, err := r.tx.LinkedChats()
	if err != nil {
		return err
	}
	lang := a.cfg.Community.Language
	posted := 0
	for _, c := range chats {
		if !c.Community {
			continue
		}
		kb := telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{{Text: a.cat.T(lang, "pledge.button.see"), URL: a.deepLink("pledges")}}}}
		if err := a.send(r.tx, c.ID, a.pledgeGroupText(lang, esc(r.me.Name), esc(per.Name), d.Items), kb, storage.PriorityNotice, r.now); err != nil {
			return err
		}
		posted++
	}
	if err := r.toast(""); err != nil {
		return err
	}
	key := "pledge.published"
	if posted == 0 {
		key = "pledge.published_no_group"
	}
	return r.edit(r.t(key, esc(per.Name)), nil)
}

// myPledgePage is the member's own pledge with a check-off button for
// each open item and, once the period ended, one for the self-review.
func (a *App) myPledgePage(r *req, per storage.PledgePeriod, p storage.Pledge) (string, telegram.Keyboard) {
	text := a.pledgeDetail(r, per, p, nil)
	var rows [][]telegram.Button
	if per.State != storage.PledgeClosed {
		var row []telegram.Button
		for _, it := range p.Items {
			if it.DoneAt.IsZero() {
				row = append(row, telegram.Button{Text: r.t("pledge.button.done", it.Pos), CallbackData: fmt.Sprintf("pl:d:%d:%d", p.ID, it.Pos)})
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
		rows = append(rows, []telegram.Button{{Text: r.t("pledge.button.review"), CallbackData: "pl:sr:" + itoa(p.ID)}})
	}
	return text, telegram.Keyboard{InlineKeyboard: rows}
}

// pledgeDetail is a pledge as anyone may read it: items, notes, the
// self-review, staff's comment and the ratings.
func (a *App) pledgeDetail(r *req, per storage.PledgePeriod, p storage.Pledge, words []string) string {
	var b strings.Builder
	b.WriteString(r.t("pledge.detail.title", esc(a.nameOf(r, p.MemberID)), esc(per.Name), p.Done(), len(p.Items)))
	for _, it := range p.Items {
		mark := "☐"
		if !it.DoneAt.IsZero() {
			mark = "✅"
		}
		fmt.Fprintf(&b, "\n%s %d. %s", mark, it.Pos, esc(it.Text))
		if it.Note != "" {
			b.WriteString("\n    " + r.t("pledge.detail.note", quote(it.Note, maxPledgeNote)))
		}
		if it.Photo != "" {
			b.WriteString(" " + r.t("pledge.detail.photo"))
		}
	}
	if p.Review != "" {
		b.WriteString("\n\n" + r.t("pledge.detail.review", esc(p.Review)))
	}
	if p.Comment != "" {
		b.WriteString("\n" + r.t("pledge.detail.comment", esc(p.Comment)))
	}
	if p.Ratings > 0 {
		b.WriteString("\n" + r.n("pledge.detail.ratings", p.Ratings, fmt.Sprintf("%.1f", p.Average)))
	}
	for _, w := range words {
		b.WriteString("\n  “" + quote(w, maxPledgeWord) + "”")
	}
	return fit(b.String())
}
