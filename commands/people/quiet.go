package people

import (
	"strings"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
	"courtyard/when"
)

// FlowQuiet is the conversation of a person typing their own quiet hours.
const FlowQuiet = "quiet"

// quietChoices are the ranges offered as buttons, as "qt:set:" data.
var quietChoices = []string{"2200-0700", "2300-0700", "2100-0600"}

// maxQuietMinutes bounds a person's quiet hours, as notify.quiet_hours.
const maxQuietMinutes = 16 * 60

// quietCmd shows the person's quiet hours and offers to change them.
func (a *People) quietCmd(r *core.Req) error {
	own, err := r.Tx.Quiet(r.Me.ID)
	if err != nil {
		return err
	}
	return r.Reply(r.T("quiet.ask", a.quietNow(r, own)), a.quietKeyboard(r))
}

// quietNow says what the person's quiet hours are.
func (a *People) quietNow(r *core.Req, own string) string {
	hours, ok := a.QuietHours(own)
	switch {
	case !ok:
		return r.T("quiet.now_off")
	case own == "":
		return r.T("quiet.now_default", when.DescribeClockRange(hours, r.Lang))
	}
	return r.T("quiet.now_own", when.DescribeClockRange(hours, r.Lang))
}

func (a *People) quietKeyboard(r *core.Req) telegram.Keyboard {
	var kb [][]telegram.Button
	if def, ok := a.Cfg.Notify.Quiet(); ok {
		kb = append(kb, []telegram.Button{{Text: r.T("quiet.btn.default", when.DescribeClockRange(def, r.Lang)), CallbackData: "qt:def"}})
	}
	var row []telegram.Button
	for _, c := range quietChoices {
		rg, _ := when.ParseNightRange(quietText(c))
		row = append(row, telegram.Button{Text: when.DescribeClockRange(rg, r.Lang), CallbackData: "qt:set:" + c})
	}
	kb = append(kb, row, []telegram.Button{
		{Text: r.T("quiet.btn.type"), CallbackData: "qt:type"},
		{Text: r.T("quiet.btn.off"), CallbackData: "qt:off"}})
	return telegram.Keyboard{InlineKeyboard: kb}
}

// quietText is "2200-0700" as the range 22:00-07:00.
func quietText(c string) string {
	if len(c) != 9 {
		return ""
	}
	return c[0:2] + ":" + c[2:4] + "-" + c[5:7] + ":" + c[7:9]
}

// quietButton takes a choice: the community's hours, one offered, off, or
// typing one's own.
func (a *People) quietButton(r *core.Req) error {
	verb, arg, _ := strings.Cut(strings.TrimPrefix(r.CB.Data, "qt:"), ":")
	switch verb {
	case "def":
		return a.setQuiet(r, "")
	case "off":
		return a.setQuiet(r, "off")
	case "set":
		if !containsStr(quietChoices, arg) {
			return r.Toast(r.T("error.stale_button"))
		}
		return a.setQuiet(r, quietText(arg))
	case "type":
		if err := r.SetFlow(FlowQuiet, "hours", struct{}{}); err != nil {
			return err
		}
		if err := r.Toast(""); err != nil {
			return err
		}
		return r.Reply(r.T("quiet.type_ask", r.T("quiet.example")), telegram.ForceReply{ForceReply: true})
	}
	return r.Toast(r.T("error.stale_button"))
}

// quietTyped reads the hours typed, with the when parser; 取消 / cancel
// ends it, changing nothing.
func (a *People) quietTyped(r *core.Req, f storage.Flow) error {
	text := core.CleanLine(r.Text)
	if ans, ok := core.ReadAnswer(text); ok && ans == core.AnswerCancel {
		if err := r.Tx.EndFlow(r.Me.ID); err != nil {
			return err
		}
		return r.Reply(r.T("cancel.done"), nil)
	}
	rg, err := when.ParseNightRange(text)
	switch {
	case err != nil || text == "":
		return r.Reply(r.T("quiet.bad", r.T("quiet.example")), telegram.ForceReply{ForceReply: true})
	case rg.Minutes() > maxQuietMinutes || rg.Minutes() <= 0:
		return r.Reply(r.T("quiet.too_long", maxQuietMinutes/60), telegram.ForceReply{ForceReply: true})
	}
	if err := r.Tx.EndFlow(r.Me.ID); err != nil {
		return err
	}
	return a.setQuiet(r, when.DescribeClock(rg.Start)+"-"+when.DescribeClock(rg.End))
}

// setQuiet stores the person's choice and says what it is now.
func (a *People) setQuiet(r *core.Req, own string) error {
	if err := r.Tx.SetQuiet(r.Me.ID, own); err != nil {
		return err
	}
	text := r.T("quiet.done", a.quietNow(r, own))
	if r.CB != nil {
		if err := r.Toast(""); err != nil {
			return err
		}
		return r.Edit(text, nil)
	}
	return r.Reply(text, nil)
}

func containsStr(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
