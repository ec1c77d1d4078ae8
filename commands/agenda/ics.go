package agenda

import (
	"fmt"
	"time"

	ics "github.com/arran4/golang-ical"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// Calendar writes items as an iCalendar (RFC 5545) calendar named name,
// its texts in lang: one event per item with a UID that stays the item's
// (job-12@bot), times in UTC, a visit as the all-day event of its day.
func (a *Agenda) Calendar(lang, name string, items []Item, now time.Time) []byte {
	cal := ics.NewCalendar()
	cal.SetProductId("-//courtyard//" + a.host() + "//" + lang)
	cal.SetMethod(ics.MethodPublish)
	cal.SetName(name)
	cal.SetXWRCalName(name)
	cal.SetRefreshInterval("PT1H")
	cal.SetXPublishedTTL("PT1H")
	for _, it := range items {
		e := cal.AddEvent(fmt.Sprintf("%s-%d@%s", it.Kind, it.ID, a.host()))
		e.SetDtStampTime(now)
		if it.AllDay {
			e.SetAllDayStartAt(it.Start.In(a.Loc))
			e.SetAllDayEndAt(it.End.In(a.Loc))
		} else {
			e.SetStartAt(it.Start)
			if !it.End.IsZero() {
				e.SetEndAt(it.End)
			}
		}
		summary := a.Cat.T(lang, "mine.ics."+it.Kind, it.Title)
		if it.Waiting {
			summary += " " + a.Cat.T(lang, "mine.ics.waiting")
		}
		e.SetSummary(summary)
		if it.Place != "" {
			e.SetLocation(it.Place)
		}
	}
	return []byte(cal.Serialize())
}

// host names the bot in the items' UIDs.
func (a *Agenda) host() string {
	if a.BotName == "" {
		return "courtyard"
	}
	return a.BotName
}

// calendarName is the name of a person's calendar in lang.
func (a *Agenda) calendarName(lang string) string {
	return a.Cat.T(lang, "mine.ics.name", a.Cfg.Community.Name)
}

// sendICS sends the caller's agenda as an .ics file.
func (a *Agenda) sendICS(r *core.Req) error {
	if !r.Me.Registered() {
		return r.Reply(r.T("mine.register_first"), nil)
	}
	items, err := a.Items(r.Tx, r.Me.ID, r.Now)
	if err != nil {
		return err
	}
	data := a.Calendar(r.Lang, a.calendarName(r.Lang), items, r.Now)
	p := telegram.SendDocument{ChatID: r.Chat.ID, Caption: r.T("mine.ics_caption", r.N("mine.count", len(items)))}
	_, err = r.Tx.Enqueue(storage.OutMsg{ChatID: r.Chat.ID, Method: "sendDocument", Payload: telegram.Marshal(p),
		Priority: storage.PriorityReply, FileName: "agenda.ics", FileData: data}, r.Now)
	return err
}
