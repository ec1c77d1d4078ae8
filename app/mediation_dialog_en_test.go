package app

import (
	"reflect"
	"testing"

	"courtyard/storage"
)

// In English: the same record, session, follow-up and mediator as in
// Chinese, with the days typed as yesterday, 2026-02-27 and Mar 1, then
// tomorrow, Dec 20 and 2026-12-20; "cancel" typed ends a session.
func TestMediationDialogsEnglish(t *testing.T) {
	w := mdNew(t, "en", "Boss", "Wendy", "Zack", "Quinn")
	a := w.admin
	var upd int64
	const (
		bld      = "Which building is it in? Tap it, or tap no building."
		blds     = "\tbuilding 1 | building 2 | building 3 | building E12 | no building | Cancel"
		who      = "Who are the parties? Tap a resident of the building, or write a name, @username or user id; separate several with commas (at most 8)."
		hint     = "\nTap a name, or reply with a name or unit to search."
		tap      = "Please tap one of the buttons below, or reply with the words on it.\n\n"
		confirm  = "\tConfirm Change Cancel"
		viewKeys = "\t➕ Add a session ✅ Outcome | 📅 Follow-up date 📋 All records"
		view     = "Mediation record #1 (confidential)\nBuilding: building 1 · mediator: Boss\nParties: Quinn, the upstairs tenant\nSummary: Chairs dragged at night\n\n"
	)
	upd = w.say(a, "/mediation new")
	w.pfExpect(upd, a, bld+blds)
	upd = w.say(a, "tomorrow")
	w.pfExpect(upd, a, "There is no building \"tomorrow\". Buildings: 1 2 3 E12\n\n"+bld+blds)
	upd = w.say(a, "3")
	w.pfExpect(upd, a, "Chosen: building 3\n\n"+who+hint+"\tWendy Zack | Back Cancel")
	upd = w.pfTap(a, "Wendy")
	w.pfExpect(upd, a, who+"\nChosen: Wendy", "Parties so far: Wendy. Who else? Tap a resident or write a name; or tap That's all."+hint+
		"\tZack | That's all | Back Cancel")
	upd = w.say(a, "the upstairs tenant")
	w.pfExpect(upd, a, "Parties so far: Wendy, the upstairs tenant. Who else? Tap a resident or write a name; or tap That's all."+hint+
		"\tZack | That's all | Back Cancel")
	upd = w.pfTap(a, "That's all")
	w.pfExpect(upd, a, "Parties so far: Wendy, the upstairs tenant. Who else? Tap a resident or write a name; or tap That's all.\nChosen: That's all",
		"In a few sentences, what is the dispute about (at most 500 characters)? Only staff and the mediator will see it.\tBack Cancel")
	upd = w.say(a, "Chairs dragged at night")
	w.pfExpect(upd, a, "New mediation record:\nBuilding: building 3\nParties: Wendy, the upstairs tenant\nSummary: Chairs dragged at night\nSave?"+confirm)
	upd = w.say(a, "change")
	w.pfExpect(upd, a, "What would you like to change?\tBuilding Parties | Summary | Back Cancel")
	upd = w.say(a, "building")
	w.pfExpect(upd, a, bld+blds)
	upd = w.say(a, "1")
	w.pfExpect(upd, a, "Chosen: building 1\n\n"+who+hint+"\tBoss Quinn | Back Cancel")
	upd = w.say(a, "Quinn")
	w.pfExpect(upd, a, who+"\n1 person matches “Quinn”; tap the name:\tQuinn | Show all | Back Cancel")
	upd = w.pfTap(a, "Quinn")
	preview := "New mediation record:\nBuilding: building 1\nParties: Quinn, the upstairs tenant\nSummary: Chairs dragged at night\nSave?"
	w.pfExpect(upd, a, who+"\nChosen: Quinn", preview+confirm)
	upd = w.say(a, "ok")
	w.pfExpect(upd, a, "Mediation record #1 is open; you are its mediator.", view+"Sessions (0)\n\nOutcome: in mediation\nFollow-up: —"+viewKeys)
	if d := w.mdDispute(1); d.Building != "1" || !reflect.DeepEqual(d.Parties, []storage.DisputeParty{{MemberID: 2003, Name: "Quinn"}, {Name: "the upstairs tenant"}}) {
		t.Fatalf("record: %+v", d)
	}

	// A session: a day to come is refused; the day corrected at the preview.
	upd = w.pfTap(a, "➕ Add a session")
	ask := "Record #1: on which day was this session? e.g. today, Thu, Dec 20\tCancel"
	w.pfExpect(upd, a, ask)
	upd = w.say(a, "next Wed")
	w.pfExpect(upd, a, "A session cannot be recorded before it happens: write today or an earlier day.\tCancel")
	upd = w.say(a, "yesterday")
	w.pfExpect(upd, a, "The session of Sun 1 Mar: what happened, and what was agreed (at most 1000 characters)?\tBack Cancel")
	upd = w.say(a, "back")
	w.pfExpect(upd, a, ask)
	upd = w.say(a, "2026-02-27")
	w.pfExpect(upd, a, "The session of Fri 27 Feb: what happened, and what was agreed (at most 1000 characters)?\tBack Cancel")
	upd = w.say(a, "No chairs after ten")
	w.pfExpect(upd, a, "Record #1, session of Fri 27 Feb:\nNo chairs after ten\nSave?"+confirm)
	upd = w.pfTap(a, "Change")
	w.pfExpect(upd, a, "What would you like to change?\tDay Notes | Back Cancel")
	upd = w.say(a, "day")
	w.pfExpect(upd, a, ask)
	upd = w.say(a, "Mar 1")
	w.pfExpect(upd, a, "Record #1, session of Sun 1 Mar:\nNo chairs after ten\nSave?"+confirm)
	upd = w.say(a, "yes")
	sessions := "Sessions (1)\nSun 1 Mar · Boss: No chairs after ten\n\nOutcome: in mediation\n"
	w.pfExpect(upd, a, "The session is recorded on record #1.", view+sessions+"Follow-up: —"+viewKeys)

	// The follow-up: a day gone is refused; a word typed at the preview
	// asks it again; the day changed twice.
	upd = w.pfTap(a, "📅 Follow-up date")
	ask = "Record #1: on which day to follow up? e.g. today, Thu, Dec 20. I will remind the mediator that morning.\tCancel"
	w.pfExpect(upd, a, ask)
	upd = w.say(a, "yesterday")
	w.pfExpect(upd, a, "A follow-up cannot be in the past: write today or a later day.\tCancel")
	upd = w.say(a, "tomorrow")
	preview = "Record #1: follow up on Tue 3 Mar; the mediator is reminded at 9 o'clock that day. Right?"
	w.pfExpect(upd, a, preview+confirm)
	upd = w.say(a, "later")
	w.pfExpect(upd, a, tap+preview+confirm)
	upd = w.say(a, "change")
	w.pfExpect(upd, a, ask)
	upd = w.say(a, "Dec 20")
	preview = "Record #1: follow up on Sun 20 Dec; the mediator is reminded at 9 o'clock that day. Right?"
	w.pfExpect(upd, a, preview+confirm)
	upd = w.say(a, "no")
	w.pfExpect(upd, a, ask)
	upd = w.say(a, "2026-12-20")
	w.pfExpect(upd, a, preview+confirm)
	upd = w.pfTap(a, "Confirm")
	w.pfExpect(upd, a, preview, "Follow-up set for Sun 20 Dec; the mediator is reminded at 9 o'clock that day.", view+sessions+"Follow-up: Sun 20 Dec"+viewKeys)
	w.mdFollowUp(t, "2026-12-20 09:00")

	// Another session cancelled by typing.
	upd = w.pfTap(a, "➕ Add a session")
	w.pfExpect(upd, a, "Record #1: on which day was this session? e.g. today, Thu, Dec 20\tCancel")
	upd = w.say(a, "today")
	w.pfExpect(upd, a, "The session of Mon 2 Mar: what happened, and what was agreed (at most 1000 characters)?\tBack Cancel")
	upd = w.say(a, "cancel")
	w.pfExpect(upd, a, "Cancelled. I am here when you need me.\t*")

	// A mediator named by buttons.
	upd = w.say(a, "/mediator")
	mask := "Whom do you name a mediator of the mediation room, or take it back from?"
	w.pfExpect(upd, a, mask+hint+"\tBoss Wendy | Zack Quinn | Cancel")
	upd = w.pfTap(a, "Zack")
	w.pfExpect(upd, a, mask+"\nChosen: Zack", "Name Zack a mediator of the mediation room?"+confirm)
	upd = w.say(a, "confirm")
	w.pfExpect(upd, a, "Zack is now a mediator of the mediation room.")
	w.pfExpect(upd, w.b3b, "The community named you a mediator of the neighbours' mediation room. Send /mediation to see and record disputes.")
	w.db(func(tx *storage.Tx) error {
		ss, err := tx.DisputeSessions(1)
		if len(ss) != 1 {
			t.Errorf("%d sessions, want 1: the cancelled one is not kept", len(ss))
		}
		return err
	})
}
