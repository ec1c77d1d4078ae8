package try

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"courtyard/bot/telegramsim"
	"courtyard/commands"
	"courtyard/config"
	"courtyard/locale"
	"courtyard/storage"
)

// seed fills a new database with the demo community, one function per
// capability, in one transaction, and tells the embedded Telegram who the
// people and the groups are. A database that already has people (a kept
// -db FILE) is left as it is.
func seed(ctx context.Context, cfg config.Config, c cast, tg *telegramsim.Server, now time.Time, log *slog.Logger) error {
	for _, p := range c.People {
		tg.Meet(tg.User(p.ID, p.Name, p.Lang))
	}
	for _, g := range c.Groups {
		tg.Group(g.ID, g.Title)
	}
	cat, err := locale.Load(cfg.Community.Language)
	if err != nil {
		return err
	}
	cmds := commands.New(cfg, cat, telegramsim.BotUsername, func() time.Time { return now }, log, nil)
	store, err := storage.Open(ctx, cfg.Database.Path)
	if err != nil {
		return err
	}
	defer store.Close()
	return store.Update(ctx, func(tx *storage.Tx) error {
		if _, err := tx.Member(adminID); err == nil {
			return nil // seeded before
		}
		if err := seedPeople(tx, c, now); err != nil {
			return err
		}
		if err := seedGroups(tx, c, now); err != nil {
			return err
		}
		team, err := seedTeams(tx, c, now)
		if err != nil {
			return err
		}
		if err := seedTickets(tx, now); err != nil {
			return err
		}
		if err := seedJobs(tx, cmds, team, now); err != nil {
			return err
		}
		if err := seedPatrols(tx, cmds, c, now); err != nil {
			return err
		}
		if err := seedMeetings(tx, cmds, now); err != nil {
			return err
		}
		if err := seedDecide(tx, cmds, now); err != nil {
			return err
		}
		if err := seedCareList(tx, now); err != nil {
			return err
		}
		return seedServices(tx, cmds, now)
	})
}

// seedPeople registers everyone but the newcomer, with their roles, as if
// each had pressed Start in private long ago.
func seedPeople(tx *storage.Tx, c cast, now time.Time) error {
	joined := now.Add(-30 * 24 * time.Hour)
	for _, p := range c.People {
		if err := tx.TouchMember(p.ID, p.Name, "", p.Lang, joined); err != nil {
			return err
		}
		if p.Newcomer {
			continue
		}
		if err := tx.Register(p.ID, p.Building, p.Unit, joined); err != nil {
			return err
		}
		if err := tx.OpenedPrivate(p.ID, joined); err != nil {
			return err
		}
		if p.Role == storage.RoleStaff || p.Role == storage.RoleLeader {
			if err := tx.SetRole(p.ID, p.Role, p.Leads, adminID, joined); err != nil {
				return err
			}
		}
	}
	return nil
}

// seedGroups links the community's group and the buildings' groups.
func seedGroups(tx *storage.Tx, c cast, now time.Time) error {
	for _, g := range c.Groups {
		if err := tx.TouchChat(g.ID, "supergroup", g.Title, now); err != nil {
			return err
		}
		if err := tx.LinkChat(g.ID, g.Building, adminID, now); err != nil {
			return err
		}
	}
	return nil
}

// seedTeams makes the volunteer team, led by building 3's leader, and
// returns its id.
func seedTeams(tx *storage.Tx, c cast, now time.Time) (int64, error) {
	lead := int64(2003)
	team, err := tx.CreateTeam("环境卫生志愿队", lead, false, now)
	if err != nil {
		return 0, err
	}
	for _, p := range c.People {
		if p.Volunteer {
			if err := tx.AddTeamMember(team, p.ID, now); err != nil {
				return 0, err
			}
		}
	}
	return team, tx.SetTeamLead(team, lead, true, now)
}

// seedTickets files tickets in each state: one open (it escalates when the
// clock moves a day), one claimed, one resolved and waiting for its
// reporter (it closes itself after a week), one closed, and an open wish.
func seedTickets(tx *storage.Tx, now time.Time) error {
	h := func(n int) time.Time { return now.Add(-time.Duration(n) * time.Hour) }
	type step struct {
		act   storage.TicketAction
		actor int64
		note  string
		at    time.Time
	}
	for _, t := range []struct {
		tk    storage.Ticket
		at    time.Time
		steps []step
	}{
		{storage.Ticket{Kind: storage.TicketKindReport, Category: "lighting", Building: "3", ReporterID: 3001,
			Text: "3号楼东侧的路灯坏了一个星期，晚上很黑。"}, h(3), nil},
		{storage.Ticket{Kind: storage.TicketKindReport, Category: "water", Building: "3", ReporterID: 3002,
			Text: "The drain by the bike shed of building 3 is blocked again."}, h(26), []step{{storage.ActClaim, 2003, "", h(20)}}},
		{storage.Ticket{Kind: storage.TicketKindReport, Category: "roads", Building: "6", ReporterID: 3003,
			Text: "6号楼门口的井盖松了，踩上去哐哐响。"}, h(96), []step{
			{storage.ActClaim, 2006, "", h(72)}, {storage.ActResolve, 2006, "Fixed the cover with new bolts.", h(48)}}},
		{storage.Ticket{Kind: storage.TicketKindReport, Category: "sanitation", Building: "3", ReporterID: 3001,
			Text: "3号楼后面的垃圾桶满了没人清。"}, h(240), []step{
			{storage.ActClaim, 2003, "", h(236)}, {storage.ActResolve, 2003, "已联系物业清运。", h(200)}, {storage.ActConfirm, 3001, "", h(190)}}},
		{storage.Ticket{Kind: storage.TicketKindWish, Category: "other", Building: "6", ReporterID: 3003,
			Text: "希望有人帮忙换一下厨房的灯泡，我够不着。"}, h(5), nil},
	} {
		id, err := tx.CreateTicket(t.tk, t.at)
		if err != nil {
			return err
		}
		for _, s := range t.steps {
			if _, _, err := tx.Transition(id, s.act, s.actor, storage.TransitionOpts{Note: s.note}, s.at); err != nil {
				return fmt.Errorf("try: ticket #%d: %w", id, err)
			}
		}
	}
	return nil
}

// seedJobs plans the team's clean-up for the day after tomorrow at 08:00
// (community time) with two volunteers signed up: its day-before reminder
// and its short-of-people alert are due tomorrow at 08:00, so moving the
// clock there brings them.
func seedJobs(tx *storage.Tx, cmds *commands.App, team int64, now time.Time) error {
	loc := now.Location()
	d := now.AddDate(0, 0, 2)
	start := time.Date(d.Year(), d.Month(), d.Day(), 8, 0, 0, 0, loc)
	j := storage.Job{Title: "3号楼周边大扫除", Place: "3号楼门口", TeamID: team, Slots: 6,
		Start: start, End: start.Add(2 * time.Hour), WithdrawHours: 12, OrganiserID: 2003}
	id, err := cmds.PlanJob(tx, j, now)
	if err != nil {
		return err
	}
	j.ID = id
	for _, m := range []int64{3001, 3002} {
		if _, err := tx.JobSignUp(j, m, now); err != nil {
			return err
		}
	}
	return nil
}

// seedPatrols makes the patrol team, led by building 6's leader, with a
// day patrol (09:00, 3 h, one person) and a night patrol (20:00, 3 h, two
// people) on rotations, and lays out their shifts as the hourly job would:
// the people on tonight's night patrol get its reminder at 19:00.
func seedPatrols(tx *storage.Tx, cmds *commands.App, c cast, now time.Time) error {
	lead := int64(2006)
	team, err := tx.CreateTeam("平安巡逻队", lead, true, now)
	if err != nil {
		return err
	}
	for _, p := range c.People {
		if p.Patrol {
			if err := tx.AddTeamMember(team, p.ID, now); err != nil {
				return err
			}
		}
	}
	if err := tx.SetTeamLead(team, lead, true, now); err != nil {
		return err
	}
	for _, p := range []storage.PatrolTemplate{
		{TeamID: team, Spec: "0 9 * * *", Minutes: 180, Slots: 1, Area: "东门 → 3号楼 → 6号楼", Rotation: []int64{3001, 3002}, CreatedBy: lead},
		{TeamID: team, Spec: "0 20 * * *", Minutes: 180, Slots: 2, Area: "东门 → E区小巷 → 北门", Rotation: []int64{lead, 3002}, CreatedBy: lead},
	} {
		if _, err := tx.CreatePatrolTemplate(p, now); err != nil {
			return err
		}
	}
	return cmds.LayoutPatrols(tx.Context(), tx, now)
}

// seedMeetings posts tomorrow's half-month talk at 09:00 to every group,
// organised by staff: its hour-before reminder is due at 08:00, so moving
// the clock to tomorrow 08:00 brings it to the groups.
func seedMeetings(tx *storage.Tx, cmds *commands.App, now time.Time) error {
	d := now.AddDate(0, 0, 1)
	m := storage.Meeting{OrganiserID: 1002, Title: "半月谈", Place: "社区服务站", Audience: storage.AudienceGroups,
		StartsAt: time.Date(d.Year(), d.Month(), d.Day(), 9, 0, 0, 0, now.Location()),
		Agenda:   []string{"3号楼东侧路灯", "垃圾分类新规", "下周志愿活动"}}
	_, err := cmds.PostMeeting(tx.Context(), tx, m, now)
	return err
}

// seedCareList puts three households on the staff-only care list, each
// with a visitor, for the holiday visit rounds.
func seedCareList(tx *storage.Tx, now time.Time) error {
	for _, h := range []struct {
		storage.Household
		visitor int64
	}{
		{storage.Household{Building: "6", Unit: "101", Name: "陈大爷", Reason: "lives_alone", Contact: "（演示）139 0000 0001", Notes: "腿脚不便，上午在家。"}, 2006},
		{storage.Household{Building: "3", Unit: "402", Name: "刘奶奶", Reason: "disabled", Contact: "（演示）139 0000 0002"}, 2003},
		{storage.Household{Building: "9", Unit: "201", Name: "小明家", Reason: "left_behind", Notes: "父母在外地打工，爷爷照看。"}, 1002},
	} {
		h.CreatedBy = adminID
		id, err := tx.CreateHousehold(h.Household, now)
		if err != nil {
			return err
		}
		if err := tx.SetHouseholdVisitor(id, h.visitor, true, adminID, now); err != nil {
			return err
		}
	}
	return nil
}
