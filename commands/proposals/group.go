package proposals

import (
	"fmt"
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// groups are the linked chats a proposal is posted to: its building's, or
// the community's for one of the whole community.
func (a *Proposals) groups(tx *storage.Tx, p storage.Proposal) ([]storage.Chat, error) {
	if p.Building != "" {
		return tx.LinkedChats(p.Building)
	}
	all, err := tx.LinkedChats()
	if err != nil {
		return nil, err
	}
	var out []storage.Chat
	for _, c := range all {
		if c.Community {
			out = append(out, c)
		}
	}
	return out, nil
}

// postTo posts p to chats: its photo and voice note first, then its line
// with the Support button, whose copies are kept to edit the count.
func (a *Proposals) postTo(r *core.Req, p storage.Proposal, chats []storage.Chat) error {
	rep, err := r.Tx.Member(p.MemberID)
	if err != nil && !core.IsNotFound(err) {
		return err
	}
	ref := "pp:" + core.Itoa(p.ID)
	for _, c := range chats {
		if p.Photo != "" {
			send := telegram.SendPhoto{ChatID: c.ID, Photo: p.Photo, Caption: "💡 #" + core.Itoa(p.ID) + " " + core.Esc(p.Title), ParseMode: "HTML"}
			if _, err := r.Tx.Enqueue(storage.OutMsg{ChatID: c.ID, Method: "sendPhoto", Payload: telegram.Marshal(send),
				Priority: storage.PriorityNotice, Ref: ref}, r.Now); err != nil {
				return err
			}
		}
		if p.Voice != "" {
			send := telegram.SendVoice{ChatID: c.ID, Voice: p.Voice, Caption: "💡 #" + core.Itoa(p.ID) + " " + core.Esc(p.Title), ParseMode: "HTML"}
			if _, err := r.Tx.Enqueue(storage.OutMsg{ChatID: c.ID, Method: "sendVoice", Payload: telegram.Marshal(send),
				Priority: storage.PriorityNotice, Ref: ref}, r.Now); err != nil {
				return err
			}
		}
		out, err := a.SendID(r.Tx, c.ID, a.groupLine(p, rep.Name), a.groupButtons(p), storage.PriorityNotice, ref, r.Now)
		if err != nil {
			return err
		}
		if err := r.Tx.AddProposalPost(p.ID, out); err != nil {
			return err
		}
	}
	return nil
}

// whereLabel names a proposal's building, or the whole community, in lang.
func (a *Proposals) whereLabel(lang, building string) string {
	if building == "" {
		return a.Cat.T(lang, "pp.where_community")
	}
	return a.Cat.T(lang, "pp.where_b", building)
}

// groupLine is a proposal's public line, in the community's language:
// never the name of a proposer who hid it, never a unit.
func (a *Proposals) groupLine(p storage.Proposal, proposer string) string {
	lang := a.Cfg.Community.Language
	var b strings.Builder
	if p.ID == 0 { // the preview: the number comes when it is posted
		fmt.Fprintf(&b, "💡 %s\n", a.Cat.T(lang, "pp.headline_draft", core.Esc(a.whereLabel(lang, p.Building)), core.Esc(p.Title)))
	} else {
		fmt.Fprintf(&b, "💡 %s\n", a.Cat.T(lang, "pp.headline", p.ID, core.Esc(a.whereLabel(lang, p.Building)), core.Esc(p.Title)))
	}
	if p.Body != "" {
		b.WriteString("“" + core.Quote(p.Body, 400) + "”\n")
	}
	if !p.HideName && proposer != "" {
		b.WriteString(a.Cat.T(lang, "pp.by", core.Esc(proposer)) + " · ")
	}
	b.WriteString(a.Cat.N(lang, "pp.count", p.Supports))
	if st := a.stateLine(lang, p); st != "" {
		b.WriteString("\n" + st)
	}
	return b.String()
}

// stateLine says where a proposal stands, "" while it gathers support.
func (a *Proposals) stateLine(lang string, p storage.Proposal) string {
	switch p.State {
	case storage.ProposalMerged:
		return a.Cat.T(lang, "pp.state.merged", p.MergedInto)
	case storage.ProposalDeclined:
		return a.Cat.T(lang, "pp.state.declined", core.Esc(p.Reason))
	case storage.ProposalAgenda:
		return a.Cat.T(lang, "pp.state.agenda")
	case storage.ProposalRejected:
		return a.Cat.T(lang, "pp.state.rejected", core.Esc(p.Reason))
	case storage.ProposalPostponed:
		return a.Cat.T(lang, "pp.state.postponed", core.Esc(p.Reason))
	case storage.ProposalAccepted:
		return a.Cat.T(lang, "pp.state.accepted")
	}
	return ""
}

// groupButtons is Support while the proposal gathers support.
func (a *Proposals) groupButtons(p storage.Proposal) any {
	if !gathering(p) {
		return nil
	}
	lang := a.Cfg.Community.Language
	return telegram.Keyboard{InlineKeyboard: [][]telegram.Button{{
		{Text: a.Cat.T(lang, "pp.button.support"), CallbackData: "pp:s:" + core.Itoa(p.ID)},
	}}}
}

// refresh brings every posted copy of proposal id up to date.
func (a *Proposals) refresh(r *core.Req, id int64) error {
	p, err := r.Tx.Proposal(id)
	if err != nil {
		return err
	}
	rep, err := r.Tx.Member(p.MemberID)
	if err != nil && !core.IsNotFound(err) {
		return err
	}
	text := a.groupLine(p, rep.Name)
	if extra, err := a.progress(r.Tx, a.Cfg.Community.Language, p); err != nil {
		return err
	} else if extra != "" {
		text += extra
	}
	outs, err := r.Tx.ProposalPosts(id)
	if err != nil {
		return err
	}
	for _, oid := range outs {
		out, err := r.Tx.OutByID(oid)
		if core.IsNotFound(err) {
			continue
		}
		if err != nil {
			return err
		}
		if _, err := core.RefreshCopy(r.Tx, out, 0, text, a.groupButtons(p), storage.PriorityBulk, "", r.Now); err != nil {
			return err
		}
	}
	return nil
}

// tellAll tells the proposer and every supporter of p, each in their
// language, except the person who caused it.
func (a *Proposals) tellAll(r *core.Req, p storage.Proposal, key string, args ...any) error {
	ids, err := r.Tx.Supporters(p.ID)
	if err != nil {
		return err
	}
	ids = append([]int64{p.MemberID}, ids...)
	seen := map[int64]bool{r.Me.ID: true}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		if err := a.TellMember(r, id, nil, key, args...); err != nil {
			return err
		}
	}
	return nil
}
