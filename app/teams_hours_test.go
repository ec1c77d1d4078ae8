package app

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"testing"
	"time"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// teamHoursFixture logs hours straight into the ledger: 王阿姨 (in Elder
// care) a job in February and one in March plus a patrol, Li (not in it) the
// March job, and someone whose name looks like a formula a small job.
func (c *teamCast) teamHoursFixture() {
	c.t.Helper()
	cst := time.FixedZone("CST", 8*3600)
	c.teamWrite(func(tx *storage.Tx) error {
		if err := tx.AddTeamMember(c.care, c.wang.ID, c.clock.Now()); err != nil {
			return err
		}
		for _, e := range []storage.HoursEntry{
			{MemberID: c.wang.ID, Source: storage.HoursJob, Ref: 1, TeamID: c.care, Start: time.Date(2026, 3, 1, 9, 0, 0, 0, cst), Minutes: 120, LoggedBy: c.lead.ID},
			{MemberID: c.wang.ID, Source: storage.HoursJob, Ref: 2, TeamID: c.care, Start: time.Date(2026, 2, 10, 9, 0, 0, 0, cst), Minutes: 90},
			{MemberID: c.wang.ID, Source: storage.HoursPatrol, Ref: 7, Start: time.Date(2026, 3, 1, 20, 0, 0, 0, cst), Minutes: 60},
			{MemberID: c.li.ID, Source: storage.HoursJob, Ref: 1, TeamID: c.care, Start: time.Date(2026, 3, 1, 9, 0, 0, 0, cst), Minutes: 120},
			{MemberID: 2003, Source: storage.HoursJob, Ref: 3, Start: time.Date(2026, 3, 2, 8, 0, 0, 0, cst), Minutes: 30},
		} {
			if _, err := tx.LogHours(e, c.clock.Now()); err != nil {
				return err
			}
		}
		return nil
	})
}

func TestTeamHoursSelfLeadStaffExportAndStats(t *testing.T) {
	c := newTeamCast(t)
	evil := c.user(2003, "=HYPERLINK(1)", "zh")
	c.register(evil, "3", "303")
	c.teamHoursFixture()

	c.say(c.wang, "/help")
	c.expect(c.wang.ID, "/teams — 可加入的志愿队伍", "/hours — 我的志愿时长", "/team — ")
	c.say(c.wang, "/hours")
	c.expect(c.wang.ID, "我的志愿时长", "2026-02 · 1.5 小时", "2026-03 · 3 小时", "合计：4.5 小时")
	c.say(c.li, "/hours")
	c.expect(c.li.ID, "Your volunteer hours", "2026-03 · 2 h", "Total: 2 h")

	// Someone else's hours: staff, and the leads of a team the person is in.
	c.say(c.li, "/hours 2001")
	c.expect(c.li.ID, "Only staff and the leads of that person's teams may see their hours")
	c.say(c.lead, "/hours 2001")
	c.expect(c.lead.ID, "王阿姨 的志愿时长", "合计：4.5 小时")
	c.say(c.lead, "/hours 2002")
	c.expect(c.lead.ID, "只有工作人员和此人所在队伍的队长可以查看其时长")
	c.say(c.admin, "/hours 2002")
	c.expect(c.admin.ID, "Volunteer hours of Li", "Total: 2 h")
	c.say(c.admin, "/hours 99999")
	c.expect(c.admin.ID, "I don't know that person yet")

	// A team's month.
	c.say(c.admin, "/hours team Elder care 2026-03")
	c.expect(c.admin.ID, "Hours for Elder care, 2026-03", "王阿姨 · 2 h", "Li · 2 h", "People: 2 · total 4 h")
	c.say(c.lead, "/hours team Elder care 2026-02")
	c.expect(c.lead.ID, "Elder care · 2026-02 的时长", "王阿姨 · 1.5 小时")
	c.say(c.lead, "/hours team Sanitation")
	c.expect(c.lead.ID, "只有工作人员和 Sanitation 的队长可以这样做")

	// /export: the hours are a second CSV, by person, team and month.
	c.say(c.admin, "/export")
	doc := c.tg.WaitMessage(t, c.admin.ID, func(m telegramtest.Message) bool {
		return m.Method == "sendDocument" && m.DocumentName == "hours-2026-03.csv"
	}, wait)
	c.expect(c.admin.ID, "so there is no ticket file")
	data, ok := bytes.CutPrefix(doc.DocumentData, []byte{0xEF, 0xBB, 0xBF})
	if !ok {
		t.Fatal("hours CSV has no byte order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("hours CSV: %v\n%s", err, data)
	}
	want := [][]string{
		{"姓名 name", "楼栋 building", "队伍 team", "月份 month", "小时 hours"},
		{"'=HYPERLINK(1)", "3", "", "2026-03", "0.50"},
		{"Li", "3", "Elder care", "2026-03", "2.00"},
		{"王阿姨", "3", "", "2026-03", "1.00"},
		{"王阿姨", "3", "Elder care", "2026-03", "2.00"},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("hours CSV:\n%q\nwant\n%q", rows, want)
	}

	// /stats: jobs held, people and hours of the month.
	c.say(c.admin, "/stats")
	c.expect(c.admin.ID, "Volunteering: jobs held 2 · people 3 · hours 5.5")
	c.say(c.admin, "/stats 2026-02")
	c.expect(c.admin.ID, "Volunteering: jobs held 1 · people 1 · hours 1.5")
}
