package app

import (
	"strings"
	"testing"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
)

// TestEveryMessageInItsReadersLanguageMore drives the remaining flows —
// scheduled notices, meetings, holidays and visits, personal data and
// forgetting, blocking, the audit log, mediation, the summary, exports,
// the roster and hours — across both languages, then runs the same checks.
func TestEveryMessageInItsReadersLanguageMore(t *testing.T) {
	w := qaNew(t)
	if testing.Verbose() {
		t.Cleanup(w.qaTranscript)
	}
	t.Cleanup(func() {
		for _, l := range strings.Split(w.logs.String(), "\n") {
			if strings.Contains(l, "level=ERROR") || strings.Contains(l, "level=WARN") {
				t.Log(l)
			}
		}
	})
	w.qaRoles()
	w.qaSchedule()
	w.qaMeeting()
	w.qaPrivacyFlows()
	w.qaMediationMore()
	w.qaReports()
	w.settle()
	w.qaCheck()
}

// qaNotice walks u through /schedule: preset, its typed answer, the
// audience, the text, Read ✓, and the confirmation.
func (w *qaWorld) qaNotice(u models.User, preset, typed, audience, text string) {
	w.qaSay(u, "/schedule")
	w.qaPress(u, "sc:new")
	how, key, hol := strings.Cut(preset, ":")
	w.qaPress(u, "fl:schedule:o:how:"+how)
	if hol {
		w.qaPress(u, "fl:schedule:o:holiday:"+key)
	}
	if typed != "" {
		w.qaSay(u, typed)
	}
	w.qaPress(u, "fl:schedule:o:audience:"+audience)
	if audience == "bgroups" {
		w.qaPress(u, "fl:schedule:t:buildings:3")
		w.qaPress(u, "fl:schedule:f:buildings")
	}
	w.qaSay(u, text)
	w.qaPress(u, "fl:schedule:o:ack:ack")
	w.qaPress(u, "fl:schedule:y:ok")
}

func (w *qaWorld) qaSchedule() {
	// English staff schedule a daily notice to residents; Chinese staff
	// one to the groups, a weekly one and a holiday greeting.
	w.qaNotice(w.staffEn, "day", "7:30", "residents", "Bins go out before 8am")
	w.qaNotice(w.staffZh, "once", "2026-03-03 10:00", "groups", "明天上午停水两小时")
	w.qaNotice(w.staffZh, "mon", "", "bgroups", "每周一楼道检查")
	w.qaNotice(w.adminZh, "hol:mid_autumn", "8:00", "residents", "中秋快乐，欢迎来服务站领月饼")
	w.qaNotice(w.adminEn, "cron", "0 18 * * 5", "residents", "Weekend quiet hours start at 10pm")
	// Chinese staff pause, resume and edit the English staff's notice.
	w.qaSay(w.staffZh, "/schedule")
	w.qaPress(w.staffZh, "sc:v:1")
	w.qaPress(w.staffZh, "sc:p:1")
	w.qaPress(w.staffZh, "sc:r:1")
	w.qaPress(w.staffZh, "sc:et:1")
	w.qaSay(w.staffZh, "早上八点前把垃圾拿下楼")
	w.qaPress(w.staffZh, "sc:ew:1")
	w.qaPress(w.staffZh, "fl:schedule:o:how:day")
	w.qaSay(w.staffZh, "晚上7点45")
	w.qaPress(w.staffZh, "sc:ew:1")
	w.qaPress(w.staffZh, "fl:schedule:o:how:day")
	w.qaSay(w.staffZh, "7:45")
	// English staff delete the Chinese staff's weekly notice, once sure.
	w.qaSay(w.staffEn, "/schedule")
	w.qaPress(w.staffEn, "sc:v:3")
	w.qaPress(w.staffEn, "sc:d:3")
	w.qaPress(w.staffEn, "fl:scdel:o:sure:yes")
	w.qaAt("2026-03-03 07:45")
	w.qaAt("2026-03-03 10:00")
	w.qaPress(w.lily, "an:ack:")
	w.qaPress(w.wang, "an:ack:")
	// Down for three days: staff hear what was missed.
	w.shutdown()
	w.clock.Advance(0)
	w.calTo("2026-03-06 12:00")
	w.start()
	w.qaAt("2026-03-06 12:10")
	w.qaSay(w.staffEn, "/schedule")
}

func (w *qaWorld) qaMeeting() {
	// English admin calls the leaders with the open problems on the agenda.
	w.qaSay(w.lily, "/report")
	w.qaPress(w.lily, "tk:cat:lighting")
	w.qaReply(w.lily, "The stair light on floor 4 is out")
	w.qaPress(w.lily, "tk:ph:go")
	w.qaPress(w.lily, "tk:nm:show")
	w.qaSay(w.adminEn, "/meeting")
	w.qaSay(w.adminEn, "Half-month talk")
	w.qaSay(w.adminEn, "2026-03-10 19:30-21:00")
	w.qaSay(w.adminEn, "Service station")
	w.qaSay(w.adminEn, "Lamps\nBike shed")
	w.qaPress(w.adminEn, "fl:meeting:o:pull:pull")
	w.qaPress(w.adminEn, "fl:meeting:o:audience:leaders")
	w.qaPress(w.adminEn, "fl:meeting:o:repeat:once")
	w.qaPress(w.adminEn, "fl:meeting:y:ok")
	w.qaPress(w.leadZh, "mt:y:")
	w.qaPress(w.leadEn, "mt:n:")
	// Chinese admin calls building 3's group.
	w.qaSay(w.adminZh, "/meeting")
	w.qaSay(w.adminZh, "半月谈")
	w.qaSay(w.adminZh, "周三 晚上7点半到9点")
	w.qaSay(w.adminZh, "服务站")
	w.qaSay(w.adminZh, "垃圾分类")
	w.qaPress(w.adminZh, "fl:meeting:o:pull:nopull")
	w.qaPress(w.adminZh, "fl:meeting:o:audience:bgroups")
	w.qaPress(w.adminZh, "fl:meeting:t:buildings:3")
	w.qaPress(w.adminZh, "fl:meeting:f:buildings")
	w.qaPress(w.adminZh, "fl:meeting:o:repeat:once")
	w.qaPress(w.adminZh, "fl:meeting:y:ok")
	w.qaPressIn(w.lily, w.group3.ID, "mt:y:")
	w.qaPressIn(w.wang, w.group3.ID, "mt:n:")
	// A third, called off by the other admin: the leaders hear of it.
	w.qaSay(w.adminZh, "/meeting")
	w.qaSay(w.adminZh, "茶话会")
	w.qaSay(w.adminZh, "3月20日 下午3点")
	w.qaSay(w.adminZh, "活动室")
	w.qaPress(w.adminZh, "fl:meeting:s:agenda")
	w.qaPress(w.adminZh, "fl:meeting:o:pull:nopull")
	w.qaPress(w.adminZh, "fl:meeting:o:audience:leaders")
	w.qaPress(w.adminZh, "fl:meeting:o:repeat:once")
	w.qaPress(w.adminZh, "fl:meeting:y:ok")
	w.qaSay(w.adminEn, "/meetings")
	w.qaPress(w.adminEn, "mt:v:3")
	w.qaPress(w.adminEn, "mt:cancel:3")
	w.qaPress(w.adminEn, "fl:mtcancel:o:sure:yes")
	w.qaAt("2026-03-09 19:30")
	w.qaAt("2026-03-10 18:30")
	w.qaAt("2026-03-10 19:30")
	w.qaAt("2026-03-11 18:30")
	w.qaAt("2026-03-11 21:00")
	// Minutes and decisions: one a ticket, one a job.
	w.qaSay(w.adminEn, "/meetings")
	w.qaPress(w.adminEn, "mt:v:1")
	w.qaPress(w.adminEn, "mt:min:1")
	w.qaSay(w.adminEn, "Ten came. Lamps discussed.")
	w.qaPress(w.adminEn, "mt:dec:1")
	w.qaSay(w.adminEn, "Fix the east gate lamp")
	w.qaPress(w.adminEn, "mt:tk:1:3")
	w.qaPress(w.adminEn, "mt:dec:1")
	w.qaSay(w.adminEn, "Spring clean of the courtyard")
	w.qaPress(w.adminEn, "mt:jb:")
	w.qaSay(w.adminEn, "2026-03-14 9:00-11:00")
	w.qaSay(w.adminEn, "The courtyard")
	w.qaPress(w.adminEn, "fl:job:o:team:0")
	w.qaPress(w.adminEn, "fl:job:o:slots:4")
	w.qaPress(w.adminEn, "fl:job:o:withdraw:24")
	w.qaPress(w.adminEn, "fl:job:f:groups")
	w.qaPress(w.adminEn, "fl:job:y:ok")
	w.qaSay(w.adminZh, "/meetings")
	w.qaPress(w.adminZh, "mt:v:1")
}

func (w *qaWorld) qaPrivacyFlows() {
	w.qaSay(w.lily, "/mydata")
	w.qaSay(w.wang, "/mydata")
	// Staff of one language block a resident of the other.
	w.qaTyped("en", "shouting in the group", `"shouting in the group"`)
	w.qaTyped("zh", "发广告")
	w.qaSay(w.staffEn, "/block 2001 shouting in the group")
	w.qaSay(w.staffZh, "/blocked")
	w.qaSay(w.wang, "/help")
	w.qaSay(w.staffZh, "/unblock 2001")
	w.qaSay(w.staffZh, "/block 2002 发广告")
	w.qaSay(w.staffEn, "/blocked")
	w.qaSay(w.staffEn, "/unblock 2002")
	// Lily forgets herself; the others see her as removed.
	w.qaSay(w.lily, "/forgetme")
	w.forgot[w.lily.ID] = len(w.tg.Calls(""))
	w.qaPress(w.lily, "pv:forget")
	w.qaSay(w.leadZh, "/ticket 1")
	w.qaSay(w.staffZh, "/audit")
	w.qaNone(w.staffZh, "au:", "the audit log is for administrators")
	w.qaSay(w.adminZh, "/audit block")
	w.qaSay(w.adminEn, "/audit 1101")
	w.qaSay(w.adminEn, "/audit grant 2026-03")
	w.qaNone(w.adminEn, "au:", "the grants of March fit on one page")
}

func (w *qaWorld) qaMediationMore() {
	w.qaSay(w.adminEn, "/mediator 3001")
	w.qaSay(w.adminZh, "/mediator 3002")
	w.qaSay(w.leadEn, "/mediation new")
	w.qaPress(w.leadEn, "fl:med_new:o:building:3")
	w.qaSay(w.leadEn, "Mr Zhao, Mrs Qian")
	w.qaPress(w.leadEn, "fl:med_new:o:p2:done")
	w.qaSay(w.leadEn, "Laundry dripping onto the quilts below")
	w.qaPress(w.leadEn, "fl:med_new:y:ok")
	w.qaTyped("en", "Laundry dripping ont")
	w.qaPress(w.leadEn, "md:s:")
	w.qaSay(w.leadEn, "today")
	w.qaSay(w.leadEn, "Agreed to fit a drip tray")
	w.qaPress(w.leadEn, "fl:med_session:y:ok")
	w.qaPress(w.leadEn, "md:f:")
	w.qaSay(w.leadEn, "2026-03-20")
	w.qaPress(w.leadEn, "fl:med_follow:y:ok")
	w.qaPress(w.leadEn, "md:oc:")
	w.qaPress(w.leadEn, "md:out:")
	w.qaSay(w.leadZh, "/mediation")
	w.qaNone(w.leadZh, "md:o:", "林 mediates no record: Leo's is Leo's")
	w.qaAt("2026-03-20 09:00")
	w.qaAt("2026-04-15 09:00")
	w.qaSay(w.staffZh, "/mediation")
}

func (w *qaWorld) qaReports() {
	w.qaSay(w.staffZh, "/summary")
	w.qaSay(w.staffEn, "/summary quarter 2026-Q1")
	w.qaSay(w.staffZh, "/export 2026-03")
	w.qaExcel(w.staffZh)
	w.qaSay(w.staffEn, "/export 2026-03")
	w.qaExcel(w.staffEn)
	w.qaSay(w.staffZh, "/roster")
	w.qaSay(w.staffEn, "/roster export 2026-03")
	w.qaSay(w.staffZh, "/holidays")
	w.qaSay(w.staffEn, "/visits")
	w.qaSay(w.staffZh, "/visits mid_autumn")
	w.qaSay(w.tom, "/hours")
	w.qaSay(w.wang, "/hours")
	w.qaTyped("zh", "清洁队")
	w.qaSay(w.staffZh, "/team new 清洁队")
	w.qaSay(w.staffZh, "/team add 清洁队 4002")
	w.qaSay(w.staffEn, "/hours team 清洁队")
}

// qaExcel waits for the export (built off the writer) and asks for its workbook.
func (w *qaWorld) qaExcel(u models.User) {
	w.t.Helper()
	w.tg.WaitMessage(w.t, u.ID, func(m telegramtest.Message) bool { return hasButtonPrefix(m, "xl:") }, wait)
	w.settle()
	w.qaPress(u, "xl:")
	w.tg.WaitMessage(w.t, u.ID, func(m telegramtest.Message) bool { return strings.Contains(m.Plain, "Excel") }, wait)
	w.settle()
}
