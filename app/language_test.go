package app

import (
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/storage"
)

// TestEveryMessageInItsReadersLanguage drives the flows where one person's
// action reaches others, across both languages and every role, then reads
// every request the bot made and checks each against its reader.
func TestEveryMessageInItsReadersLanguage(t *testing.T) {
	w := qaNew(t)
	if testing.Verbose() { // the whole conversation, per chat, for a human to read
		t.Cleanup(w.qaTranscript)
	}
	t.Cleanup(func() {
		ls := strings.Split(w.logs.String(), "\n")
		if t.Failed() {
			for _, l := range ls[max(0, len(ls)-25):] {
				t.Log(l)
			}
		}
		for _, l := range ls {
			if strings.Contains(l, "level=ERROR") || strings.Contains(l, "level=WARN") {
				t.Log(l)
			}
		}
	})
	w.qaRoles()
	w.qaTickets()
	w.qaTeamsAndJobs()
	w.qaAnnounce()
	w.qaPatrol()
	w.qaStars()
	w.qaMediation()
	w.qaClock()
	w.qaVisits()
	w.settle()
	w.qaCheck()
}

func (w *qaWorld) qaRoles() {
	w.qaSay(w.adminEn, "/grant 1101 staff")
	w.qaSay(w.adminZh, "/grant 1102 staff")
	w.qaSay(w.adminEn, "/grant 3001 leader 3")
	w.qaSay(w.adminZh, "/grant 3002 leader 3")
	w.qaGroup(w.adminZh, w.group3, "/linkchat 3")
	w.qaGroup(w.adminEn, w.hood, "/linkchat community")
	for _, u := range []models.User{w.adminEn, w.staffZh, w.leadEn, w.wang, w.lily} {
		w.qaSay(u, "/help")
	}
	w.qaSay(w.staffEn, "/status")
	w.qaSay(w.staffZh, "/status")
}

func (w *qaWorld) qaTickets() {
	// 王 reports in private; both leaders hear; Leo (en) claims and fixes.
	w.qaSay(w.wang, "/report")
	w.qaPress(w.wang, "tk:cat:lighting")
	w.qaReply(w.wang, "3栋东边的路灯坏了")
	w.qaPress(w.wang, "tk:ph:go")
	w.qaPress(w.wang, "tk:nm:show")
	w.qaPress(w.leadEn, "tk:claim:1")
	w.qaPress(w.leadEn, "tk:res:1")
	w.qaReply(w.leadEn, "Replaced the bulb")
	w.qaPress(w.wang, "tk:fb:1:no")
	w.qaPress(w.leadEn, "tk:res:1")
	w.qaReply(w.leadEn, "Replaced the wire too")
	w.qaPress(w.wang, "tk:fb:1:yes")

	// Lily reports in the group; 林 follows it up; staff send it to a team.
	w.qaGroup(w.lily, w.group3, "/report water leaking at door 2")
	w.qaNone(w.lily, "tk:nm:", "a report made in the group is filed at once")
	w.qaPressIn(w.wang, w.group3.ID, "tk:me:2")
	w.qaTyped("zh", "清洁队")
	w.qaSay(w.staffZh, "/team new 清洁队")
	w.qaSay(w.staffZh, "/team add 清洁队 4001")
	w.qaSay(w.staffZh, "/team add 清洁队 4002")
	w.qaSay(w.staffEn, "/assign 2 清洁队")
	w.qaPress(w.zhao, "tk:claim:2")
	w.qaPress(w.zhao, "tk:res:2")
	w.qaReply(w.zhao, "换了水管接头")
	w.qaPress(w.lily, "tk:fb:2:yes")

	// A wish by Lily, hidden name; a report by 王 left for the clock.
	w.qaSay(w.lily, "/wish")
	w.qaPress(w.lily, "tk:cat:")
	w.qaReply(w.lily, "A bench near the gate")
	w.qaPress(w.lily, "tk:ph:go")
	w.qaPress(w.lily, "tk:nm:hide")
	w.qaSay(w.wang, "/report")
	w.qaPress(w.wang, "tk:cat:lighting")
	w.qaReply(w.wang, "楼道灯一直闪")
	w.qaPress(w.wang, "tk:ph:go")
	w.qaPress(w.wang, "tk:nm:show")
	w.qaSay(w.leadZh, "/queue")
	w.qaSay(w.lily, "/my")
	w.qaSay(w.staffEn, "/ledger")
	w.qaSay(w.staffZh, "/stats")
}

func (w *qaWorld) qaTeamsAndJobs() {
	// Tom (en) leads 清洁队; a restricted team led by 林 gets a request from Lily.
	w.qaSay(w.staffZh, "/team lead 清洁队 4002")
	w.qaTyped("en", "Elder care")
	w.qaSay(w.staffEn, "/team new Elder care")
	w.qaSay(w.staffEn, "/team lead Elder care 3001")
	w.qaSay(w.staffEn, "/team Elder care")
	w.qaPress(w.staffEn, "tm:restr:")
	w.qaSay(w.lily, "/teams")
	w.qaPress(w.lily, "tm:join:"+itoa(w.qaTeam("Elder care")))
	w.qaPress(w.leadZh, "tm:ok:")
	w.qaSay(w.wang, "/teams")
	w.qaPress(w.wang, "tm:join:"+itoa(w.qaTeam("Elder care")))
	w.qaPress(w.leadZh, "tm:no:")
	w.qaSay(w.tom, "/hours")

	// Tom publishes a job for his team; 赵 signs up and withdraws.
	w.qaJob(w.tom, "Sweep the bike shed", "2026-03-07 09:00", "11:00", "Bike shed, building 2")
	w.qaPress(w.zhao, "jb:su:")
	w.qaPressIn(w.wang, w.hood.ID, "jb:su:")
	w.qaSay(w.zhao, "/myjobs")
	w.qaPress(w.zhao, "jb:wd:")

	// A second job: 赵 signs up, then Tom cancels it.
	w.qaJob(w.tom, "Paint the fence", "2026-03-08 14:00", "16:00", "North fence")
	w.qaPress(w.zhao, "jb:su:")
	w.qaPress(w.tom, "jb:cx:")
	w.qaPress(w.tom, "jb:cxy:")
}

// qaJob walks org through /job for their team, posted in the community group too.
func (w *qaWorld) qaJob(org models.User, title, when, end, place string) {
	w.qaSay(org, "/job")
	w.qaSay(org, title)
	w.qaSay(org, when)
	w.qaSay(org, end) // a start alone: the bot asks when it ends
	w.qaSay(org, place)
	w.qaPress(org, "fl:job:o:team:"+itoa(w.qaTeam("清洁队")))
	w.qaPress(org, "fl:job:o:slots:4")
	w.qaPress(org, "fl:job:o:withdraw:24")
	w.qaPress(org, "fl:job:t:groups:"+itoa(w.hood.ID))
	w.qaPress(org, "fl:job:f:groups")
	w.qaPress(org, "fl:job:y:ok")
}

func (w *qaWorld) qaAnnounce() {
	w.qaSay(w.staffZh, "/announce")
	w.qaPress(w.staffZh, "fl:announce:o:audience:residents")
	w.qaSay(w.staffZh, "周六上午九点在广场开会")
	w.qaPress(w.staffZh, "fl:announce:o:urgent:routine")
	w.qaPress(w.staffZh, "fl:announce:y:ok")
	w.qaPress(w.lily, "an:ack:")
	w.qaSay(w.staffEn, "/announce")
	w.qaPress(w.staffEn, "fl:announce:o:audience:groups")
	w.qaSay(w.staffEn, "Water is off on Tuesday morning")
	w.qaPress(w.staffEn, "fl:announce:o:pin:nopin")
	w.qaPress(w.staffEn, "fl:announce:o:urgent:routine")
	w.qaPress(w.staffEn, "fl:announce:y:ok")
	w.qaSay(w.staffZh, "/announcements")
}

func (w *qaWorld) qaPatrol() {
	now := w.clock.Now()
	var team, tpl int64
	w.teamWrite(func(tx *storage.Tx) error {
		var err error
		if team, err = tx.CreateTeam("Night patrol", w.zhao.ID, false, now); err != nil {
			return err
		}
		for _, u := range []models.User{w.tom, w.lily, w.wang} {
			if err := tx.AddTeamMember(team, u.ID, now); err != nil {
				return err
			}
		}
		tpl, err = tx.CreatePatrolTemplate(storage.PatrolTemplate{TeamID: team, Spec: "0 20 * * *", Minutes: 120, Slots: 2,
			Area: "east gate"}, now)
		return err
	})
	w.fromEn = append(w.fromEn, "Night patrol", "east gate")
	w.tick()
	w.settle()
	w.qaSay(w.tom, "/shifts")
	w.qaPress(w.tom, "pt:take:")
	w.qaNone(w.tom, "pt:takec:", "Tom holds no other shift then: nothing to confirm")
	w.qaSay(w.wang, "/shifts")
	w.qaPress(w.wang, "pt:take:")
	w.qaNone(w.wang, "pt:takec:", "王 holds no other shift then: nothing to confirm")
	roster := w.mark()
	w.qaSay(w.zhao, "/roster")
	w.expectSince(roster, w.zhao.ID, "巡逻排班：3月2日（周一）至3月8日（周日）")
	// The reminder an hour before; check-in opens half an hour before.
	w.qaAt("2026-03-02 19:00")
	w.qaAt("2026-03-02 19:40")
	w.qaPress(w.tom, "pt:in:")
	w.qaAt("2026-03-02 20:20")
	w.qaSay(w.tom, "/found broken lamp by the east gate")
	w.qaPress(w.tom, "tk:nm:show")
	w.qaPress(w.tom, "pt:out:")
	w.qaAt("2026-03-02 23:00")

	// Tom takes Wednesday's shift and offers it to 王, who takes it.
	var wed string
	w.db(func(tx *storage.Tx) error {
		shs, err := tx.TemplateShiftsFrom(tpl, time.Time{})
		if len(shs) > 2 {
			wed = itoa(shs[2].ID)
		}
		return err
	})
	w.qaSay(w.tom, "/shifts")
	w.qaPress(w.tom, "pt:take:"+wed)
	w.qaNone(w.tom, "pt:takec:", "Tom holds no other shift on Wednesday: nothing to confirm")
	w.qaSay(w.tom, "/shifts")
	w.qaPress(w.tom, "pt:offer:"+wed)
	w.qaPress(w.tom, "pt:offm:"+wed)
	w.qaSay(w.tom, "2001")
	w.qaPress(w.wang, "pt:swap:"+wed+":"+itoa(w.tom.ID))
}

func (w *qaWorld) qaStars() {
	w.qaSay(w.adminEn, "/stars")
	w.qaPress(w.adminEn, "st:o")
	w.qaPress(w.adminEn, "fl:star_open:o:nom:3")
	w.qaPress(w.adminEn, "fl:star_open:o:vote:3")
	w.qaPress(w.adminEn, "fl:star_open:o:aud:groups")
	w.qaPress(w.adminEn, "fl:star_open:y:ok")
	w.qaSay(w.wang, "/stars")
	w.qaPress(w.wang, "st:n:")
	w.qaPress(w.wang, "fl:star_nom:k:who:"+itoa(w.lily.ID))
	w.qaSay(w.wang, "热心肠，天天帮人")
	w.qaPress(w.wang, "fl:star_nom:y:ok")
	w.qaSay(w.lily, "/stars")
	w.qaPress(w.lily, "st:n:")
	w.qaPress(w.lily, "fl:star_nom:k:who:"+itoa(w.wang.ID))
	w.qaSay(w.lily, "Always helps neighbours")
	w.qaPress(w.lily, "fl:star_nom:y:ok")
	w.qaSay(w.adminZh, "/stars")
	w.qaPledges()
}

// qaPledges: Chinese staff open a period; the English leader and the
// Chinese team member pledge; the period ends; each rates the other, and
// English staff comment on the Chinese pledge.
func (w *qaWorld) qaPledges() {
	w.qaTyped("zh", "2026上半年")
	// The preview quotes the group's post, which is in the community's language.
	w.fromZh = append(w.fromZh, "在 2026上半年 承诺：")
	w.qaSay(w.staffZh, "/pledge period 2026上半年")
	w.qaSay(w.leadEn, "/pledge")
	w.qaSay(w.leadEn, "Fix the stair lights\nVisit the elders weekly")
	w.qaTyped("en", "Fix the stair lights", "Visit the elders weekly")
	w.qaPress(w.leadEn, "fl:pl_items:y:ok")
	w.qaSay(w.zhao, "/pledge")
	w.qaSay(w.zhao, "每周清理车棚\n教老人用手机")
	w.qaTyped("zh", "每周清理车棚", "教老人用手机")
	w.qaPress(w.zhao, "fl:pl_items:y:ok")
	w.qaSay(w.leadEn, "/pledge")
	w.qaPress(w.leadEn, "pl:d:")
	w.qaSay(w.leadEn, "New bulbs on floors 2 to 5")
	w.qaSay(w.staffZh, "/pledge end")
	for _, u := range []models.User{w.leadEn, w.zhao} {
		w.qaSay(u, "/pledge")
		w.qaPress(u, "pl:sr:")
		w.qaSay(u, map[bool]string{true: "做到了一半", false: "Half of it done"}[u.ID == w.zhao.ID])
	}
	w.qaSay(w.wang, "/pledges")
	w.qaPress(w.wang, "pl:v:")
	w.qaPress(w.wang, "pl:r:")
	w.qaPress(w.wang, "pl:rv:")
	w.qaPress(w.wang, "pl:rk")
	w.qaSay(w.staffEn, "/pledges")
	w.qaPress(w.staffEn, "pl:v:")
	w.qaPress(w.staffEn, "pl:c:")
	w.qaSay(w.staffEn, "Good work, keep going")
}

// qaStarVote: nominations close, English staff shortlist both nominees,
// each consents, all vote, the results go to the groups.
func (w *qaWorld) qaStarVote() {
	w.qaAt("2026-03-06 00:00")
	var round int64
	var cands []storage.StarCandidate
	w.db(func(tx *storage.Tx) error {
		rd, err := tx.ActiveStarRound()
		if err != nil {
			return err
		}
		round = rd.ID
		cands, err = tx.StarCandidates(round, "community")
		return err
	})
	if len(cands) != 2 {
		w.t.Fatalf("community candidates: %+v", cands)
	}
	w.qaSay(w.adminEn, "/stars")
	w.qaPress(w.adminEn, "st:s:"+itoa(round)+":community")
	for _, c := range cands {
		w.qaPress(w.adminEn, "st:t:"+itoa(c.ID))
	}
	for _, c := range cands {
		nominee := w.wang
		if c.MemberID == w.lily.ID {
			nominee = w.lily
		}
		w.qaPress(nominee, "st:c:"+itoa(c.ID)+":y")
	}
	w.qaAt("2026-03-07 00:00")
	for _, u := range []models.User{w.zhao, w.tom, w.wang, w.lily} {
		w.qaSay(u, "/stars")
		w.qaPress(u, "st:b:"+itoa(round)+":community")
		for _, c := range cands {
			if c.MemberID != u.ID {
				w.qaPress(u, "st:v:"+itoa(c.ID))
				break
			}
		}
	}
	w.qaAt("2026-03-10 00:00")
}

func (w *qaWorld) qaMediation() {
	w.qaSay(w.lily, "/report")
	w.qaPress(w.lily, "tk:cat:neighbours")
	w.qaReply(w.lily, "Upstairs hammering after 11pm")
	w.qaPress(w.lily, "tk:ph:go")
	w.qaPress(w.lily, "tk:nm:show")
	var id int64
	w.db(func(tx *storage.Tx) error {
		tks, err := tx.ReporterTickets(w.lily.ID, 1)
		if len(tks) == 1 {
			id = tks[0].ID
		}
		return err
	})
	w.qaSay(w.leadZh, "/ticket "+itoa(id))
	w.qaPress(w.leadZh, "md:tk:")
	w.qaPress(w.leadZh, "md:s:")
	w.qaSay(w.leadZh, "今天")
	w.qaSay(w.leadZh, "双方同意晚上十点后不再装修")
	w.qaPress(w.leadZh, "fl:med_session:y:ok")
	w.qaPress(w.leadZh, "md:oc:")
	w.qaPress(w.leadZh, "md:out:")
	w.qaSay(w.staffEn, "/mediation")
	w.qaSay(w.staffEn, "/summary")
}

func (w *qaWorld) qaClock() {
	// Ticket 3 is never claimed: staff hear; a resolved ticket nobody
	// answers closes by itself.
	w.qaAt("2026-03-04 12:00")
	w.qaSay(w.tom, "/mytasks")
	w.qaSay(w.staffEn, "/assign 4 3001")
	w.qaPress(w.leadZh, "tk:claim:4")
	w.qaPress(w.leadZh, "tk:res:4")
	w.qaReply(w.leadZh, "换了灯泡")
	w.qaSay(w.leadZh, "/reject 5 这盏灯归物业管")
	w.qaStarVote()
	w.qaPress(w.staffEn, "tk:claim:3")
	w.qaPress(w.staffEn, "tk:res:3")
	w.qaReply(w.staffEn, "Fixed the switch")
	w.qaAt("2026-03-12 12:00")
	w.qaAt("2026-03-13 12:00")
}

func (w *qaWorld) qaVisits() {
	w.qaSay(w.staffEn, "/care")
	w.qaPress(w.staffEn, "cr:new")
	w.qaPress(w.staffEn, "fl:care:o:building:3")
	w.qaSay(w.staffEn, "7-0401")
	w.qaSay(w.staffEn, "Mrs Liu")
	w.qaPress(w.staffEn, "fl:care:o:reason:lives_alone")
	w.qaPress(w.staffEn, "fl:care:s:contact")
	w.qaPress(w.staffEn, "fl:care:s:notes")
	w.qaPress(w.staffEn, "fl:care:y:ok")
	var hh int64
	w.db(func(tx *storage.Tx) error {
		hs, err := tx.Households(false)
		if len(hs) > 0 {
			hh = hs[0].ID
		}
		return err
	})
	w.qaPress(w.staffEn, "cr:vis:"+itoa(hh))
	w.qaPress(w.staffEn, "cr:va:"+itoa(hh))
	w.qaPress(w.staffEn, "fl:care_vis:k:who:"+itoa(w.zhao.ID))
	w.qaSay(w.staffZh, "/care")
	w.qaAt("2026-09-10 12:00")
	w.qaAt("2026-09-18 09:00")
	w.qaPress(w.zhao, "vi:done:")
	w.qaPress(w.zhao, "fl:visit_note:s:note")
	w.qaSay(w.staffZh, "/visits")
	w.qaAt("2026-09-22 09:00")
	w.qaSay(w.staffEn, "/holidays")
}
