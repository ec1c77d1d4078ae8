package app

import (
	"strings"
	"testing"
	"time"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// jobAsk sends text as a reply in org's flow and waits for an answer with part.
func (c *jobCast) jobAsk(text, part string) telegramtest.Message {
	c.t.Helper()
	last := 0
	for _, m := range c.tg.Messages(c.lin.ID) {
		last = max(last, m.ID)
	}
	c.say(c.lin, text)
	return c.tg.WaitMessage(c.t, c.lin.ID, func(m telegramtest.Message) bool { return m.ID > last && strings.Contains(m.Plain, part) }, wait)
}

func (c *jobCast) jobTotal() int {
	n := 0
	c.db(func(tx *storage.Tx) error {
		js, err := tx.UpcomingJobs(time.Time{}, 1000)
		n = len(js)
		return err
	})
	return n
}

func TestJobBadInputIsRefusedAndChangesNothing(t *testing.T) {
	c := newJobCast(t, nil)
	c.say(c.chen, "/job")
	c.expect(c.chen.ID, "Only staff, building leaders and team leads can organise jobs.")

	c.jobAsk("/job", "What is the job?")
	c.jobAsk(strings.Repeat("长", 201), "That title has 201 characters; at most 200.")
	c.jobAsk("Sweep the lanes", "When?")
	c.jobAsk("2026-03-01 09:00-11:00", "That time has already passed.")
	c.jobAsk("9:00", "I cannot tell which day and time you mean.")
	c.jobAsk("2026-03-07 11:00-10:00", "The end must be after the start.")
	c.jobAsk("2026-03-05 08:00", "Until when?")
	c.jobAsk("2026-03-05 07:00", "The end must be after the start.")
	c.jobAsk("Sat 9:00-11:00", "Time: Sat 7 Mar 09:00-11:00")
	team := c.jobAsk("Lane 4", "Who is it for?")
	c.tg.Press(c.lin, team, "fl:job:o:team:"+itoa(c.team))
	c.expect(c.lin.ID, "How many people are needed? Tap a number, or reply with any number (1 to 500).")
	c.jobAsk("0", "Please tap one of the buttons below")
	c.jobAsk("10000", "Please tap one of the buttons below")
	c.jobAsk("/cancel", "")
	if n := c.jobTotal(); n != 0 {
		t.Fatalf("%d jobs after refused input", n)
	}
	// A team the organiser may not post for, forged: refused.
	c.jobAsk("/job", "What is the job?")
	c.jobAsk("Sweep", "When?")
	c.jobAsk("Sat 9:00-11:00", "Where?")
	team = c.jobAsk("Lane 4", "Who is it for?")
	c.jobForge(c.lin, telegramtest.PrivateChat(c.lin), team.ID, "fl:job:o:team:999", "This button no longer works.")
}

func TestJobForgedAndRepeatedPresses(t *testing.T) {
	c := newJobCast(t, nil)
	c.lgWrite(func(tx *storage.Tx) error { return tx.SetTeamRestricted(c.team, true) })
	id := c.jobCreate(c.lin, jobSaturday(c, "4"))
	group := c.jobCopy(c.group3.ID, id)
	// Chen is not in the restricted team: his press (forged or from the group) is refused.
	c.jobPress(c.chen, group, "jb:su:"+itoa(id), "only for its team's members")
	c.jobForge(c.chen, telegramtest.PrivateChat(c.chen), 1, "jb:su:"+itoa(id), "only for its team's members")
	c.jobForge(c.chen, telegramtest.PrivateChat(c.chen), 1, "jb:su:99999", "no longer")
	c.jobForge(c.chen, telegramtest.PrivateChat(c.chen), 1, "jb:wd:"+itoa(id), "not signed up for this job")

	// An overlapping job: asked to confirm, then signed up.
	c.jobPress(c.wang, c.jobCopy(c.wang.ID, id), "jb:su:"+itoa(id), "已报名")
	other := jobSaturday(c, "4")
	other.title, other.when, other.team = "Water the trees", "Sat 10:00-12:00", "0"
	id2 := c.jobCreate(c.lin, other)
	c.jobPress(c.wang, c.jobCopy(c.community.ID, id2), "jb:su:"+itoa(id2), "时间重叠")
	ask := c.expect(c.wang.ID, "时间重叠。仍然报名吗？")
	c.tg.Press(c.wang, ask, "jb:suc:"+itoa(id2))
	c.expect(c.wang.ID, "已报名“Water the trees”。")

	// /jobs: Chen sees only the job for everyone; 王 sees both.
	c.say(c.chen, "/jobs")
	m := c.expect(c.chen.ID, "Upcoming volunteer jobs", "Water the trees")
	if strings.Contains(m.Plain, "Clean the E-district") || hasButton(m, "jb:su:"+itoa(id)) {
		t.Errorf("Chen sees a restricted team's job: %q", m.Plain)
	}
	c.say(c.wang, "/myjobs")
	m = c.expect(c.wang.ID, "我的志愿活动", "Water the trees", "Clean the E-district lanes")
	if !hasButton(m, "jb:wd:"+itoa(id)) || !hasButton(m, "jb:wd:"+itoa(id2)) {
		t.Errorf("/myjobs buttons: %v", m.Buttons)
	}
}

func TestJobsListIsPaged(t *testing.T) {
	c := newJobCast(t, nil)
	c.lgWrite(func(tx *storage.Tx) error {
		for i := 0; i < 7; i++ {
			start := lgAt(t, "2026-03-10 09:00").Add(time.Duration(i) * 24 * time.Hour)
			_, err := tx.CreateJob(storage.Job{Title: "Job " + itoa(int64(i+1)), Slots: 3, Start: start, End: start.Add(2 * time.Hour),
				WithdrawHours: 24, OrganiserID: c.lin.ID}, c.clock.Now())
			if err != nil {
				return err
			}
		}
		return nil
	})
	c.say(c.chen, "/jobs")
	m := c.expect(c.chen.ID, "page 1 of 2", "Job 1", "Job 5", "0/3 signed up")
	if strings.Contains(m.Plain, "Job 6") || !hasButton(m, "jb:pg:1") || hasButton(m, "jb:pg:-1") {
		t.Fatalf("page 1: %q %v", m.Plain, m.Buttons)
	}
	c.tg.Press(c.chen, m, "jb:pg:1")
	c.jobCopyShows(m, []string{"page 2 of 2", "Job 6", "Job 7"}, "Job 5")
	// A forged page number is brought within the pages, from either side.
	c.tg.PressRaw(c.chen, telegramtest.PrivateChat(c.chen), m.ID, "jb:pg:-5")
	c.jobCopyShows(m, []string{"page 1 of 2", "Job 5"}, "Job 6")
	c.tg.PressRaw(c.chen, telegramtest.PrivateChat(c.chen), m.ID, "jb:pg:99")
	c.jobCopyShows(m, []string{"page 2 of 2", "Job 7"}, "Job 5")
	c.say(c.chen, "/help")
	c.expect(c.chen.ID, "/jobs", "/myjobs")
}

func TestJobCommandsInAGroupOpenThePrivateChat(t *testing.T) {
	c := newJobCast(t, nil)
	c.tg.SendText(c.lin, c.group3, "/job@"+telegramtest.BotUsername)
	m := c.tg.WaitMessage(t, c.group3.ID, func(m telegramtest.Message) bool { return len(m.Buttons) > 0 && m.Buttons[0][0].URL != "" }, wait)
	if !strings.HasSuffix(m.Buttons[0][0].URL, "?start=job") {
		t.Errorf("the group answer links to %q", m.Buttons[0][0].URL)
	}
	c.say(c.lin, "/start job")
	c.expect(c.lin.ID, "What is the job?")
	c.say(c.chen, "/start jobs")
	c.expect(c.chen.ID, "no upcoming jobs")
}

func TestJobsFromTheMainMenu(t *testing.T) {
	c := newJobCast(t, nil)
	m := c.lookup(c.wang.ID, func(m telegramtest.Message) bool { return hasButton(m, "menu:jobs") })
	c.tg.Press(c.wang, m, "menu:jobs")
	c.expect(c.wang.ID, "目前没有您可以报名的活动")
}
