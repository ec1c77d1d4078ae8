package announce

import (
	"courtyard/commands/core"
	"courtyard/storage"
)

// Flow is the name of the announcement conversation.
const Flow = "announce"

// annText is the text step's answer: the words, and a photo they are the
// caption of.
type annText struct {
	Text  string `json:"text"`
	Photo string `json:"photo,omitempty"`
}

// dialog is /announce: who, the buildings or team, the text (and a
// photo), whether to pin it in groups, then the preview, exactly as it
// will be received, and the confirmation that sends it to everyone.
func (a *Announce) dialog() *core.Dialog {
	steps := a.AudienceSteps(core.Say("ann.ask_audience"), nil)
	steps = append(steps,
		core.TextStep{Name: "text", Label: "ann.step.text", Ask: core.Say("ann.ask_text"), Parse: a.readText},
		core.OnlyIf(func(v core.Values) bool { return groups(v.String(stepAudience)) },
			core.ChoiceStep{Name: "pin", Label: "ann.step.pin", Ask: core.Say("ann.ask_pin"), Options: a.pinOptions, Columns: 2}),
		core.ChoiceStep{Name: "urgent", Label: "ann.step.urgent", Ask: core.Say("ann.ask_urgent"), Options: a.urgentOptions, Columns: 2},
		core.Preview(a.sendPreview, core.ConfirmStep{Name: "ok", Summary: a.summary}),
	)
	return &core.Dialog{Name: Flow, Min: storage.RoleLeader, Steps: steps, Done: a.send}
}

func (a *Announce) pinOptions(*core.Req, core.Values) []core.Option {
	return []core.Option{
		a.Option("pin", "ann.pin.yes", "是", "要", "yes"),
		a.Option("nopin", "ann.pin.no", "否", "不", "不要", "no"),
	}
}

// urgentOptions: an urgent notice (water cut off now, a fire drill) goes
// out at once, day or night; a routine one waits through each reader's
// quiet hours.
func (a *Announce) urgentOptions(*core.Req, core.Values) []core.Option {
	return []core.Option{
		a.Option("routine", "ann.urgent.no", "普通", "不紧急", "否", "no", "routine"),
		a.Option("urgent", "ann.urgent.yes", "紧急", "是", "yes", "urgent"),
	}
}

// readText takes the announcement's words, with the photo they came with.
// After a correction the words are read again without the message they
// came in: the photo they had stays with them.
func (a *Announce) readText(r *core.Req, v core.Values, text string) (any, string) {
	photo := core.LargestPhoto(r)
	var before annText
	if photo == "" && v.Get("text", &before) && before.Text == text {
		photo = before.Photo
	}
	if text == "" {
		return nil, r.T("ann.empty")
	}
	if over, limit := a.annOver(r, text, photo != ""); over > 0 {
		key := "ann.too_long.text"
		if photo != "" {
			key = "ann.too_long.caption"
		}
		return nil, r.T(key, over, limit)
	}
	return annText{Text: text, Photo: photo}, ""
}

// draft is the announcement the answers make, not yet stored.
func (a *Announce) draft(r *core.Req, v core.Values) storage.Announcement {
	ann := a.ChosenAudience(v)
	var t annText
	v.Get("text", &t)
	ann.SenderID, ann.Text, ann.Photo = r.Me.ID, t.Text, t.Photo
	return ann
}

// sendPreview shows the announcement exactly as recipients will get it,
// with its Read ✓ button (which, pressed here, counts nothing).
func (a *Announce) sendPreview(r *core.Req, v core.Values) error {
	return a.DeliverAck(r, a.draft(r, v), r.Chat.ID, r.Lang, storage.PriorityReply, "", false, true)
}

// summary says who it goes to, how many recipients, and asks to send.
func (a *Announce) summary(r *core.Req, v core.Values) string {
	ann := a.draft(r, v)
	recips, err := a.Recipients(r, ann)
	if err != nil {
		a.Log.Error("announce: recipients of the preview", "err", err)
	}
	pin := ""
	if v.String("pin") == "pin" {
		pin = r.T("ann.pinned_note")
	}
	if v.String("urgent") == "urgent" {
		pin += r.T("ann.urgent_note")
	}
	return r.N("ann.preview", len(recips), a.DescribeAudience(r, ann.Audience, ann.Buildings, ann.TeamID), pin)
}

// send stores the announcement and queues it to its whole audience, once
// the person confirmed; they must still be allowed to reach it.
func (a *Announce) send(r *core.Req, v core.Values) error {
	ann := a.draft(r, v)
	if !a.MayAnnounce(r, ann) || ann.Text == "" {
		return r.Reply(r.T("ann.not_yours"), nil)
	}
	id, err := r.Tx.CreateAnnouncement(ann, r.Now)
	if err != nil {
		return err
	}
	if ann, err = r.Tx.Announcement(id); err != nil {
		return err
	}
	if v.String("urgent") == "urgent" {
		r.Urgent()
	}
	n, _, err := a.SendAnnouncement(r, ann, groups(ann.Audience) && v.String("pin") == "pin", true)
	if err != nil {
		return err
	}
	return r.Reply(r.N("ann.sending", n, id), nil)
}
