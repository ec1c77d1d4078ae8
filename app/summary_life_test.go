package app

import (
	"fmt"
	"testing"
	"time"

	"courtyard/storage"
)

// sumLifeFixture adds to sumFixture the community's life around March 2026:
// patrol shifts, visits, star rounds, pledges, scheduled notices and
// meetings. Each kind has rows just outside March and the first quarter
// (the last minute before, the first moment after) and rows inside that
// must not count. The figures it makes, March / 2026-Q1:
//
//	patrol shifts walked   5 / 6
//	scheduled notices      1 / 2
//	meetings held          2 / 3
//	decisions taken        6 / 8
//	households visited     4 / 5
//	stars elected          3 / 4
//	pledge items kept      7 / 9
//
// staff, sam, a and b are members; a and b are the volunteers.
func sumLifeFixture(t *testing.T, h *harness, staff, sam, a, b int64) {
	t.Helper()
	at := func(s string) time.Time { return lgAt(t, s) }
	ck := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	id := func(id int64, err error) int64 {
		t.Helper()
		ck(err)
		return id
	}
	yes := func(ok bool, err error) {
		t.Helper()
		ck(err)
		if !ok {
			t.Fatal("a fixture step changed nothing")
		}
	}
	setUp := at("2025-12-01 09:00")
	h.lgWrite(func(tx *storage.Tx) error {
		// Patrol: a shift counts once when anyone checked in to it.
		team := id(tx.CreateTeam("夜巡队", a, false, setUp))
		ck(tx.AddTeamMember(team, b, setUp))
		tpl := id(tx.CreatePatrolTemplate(storage.PatrolTemplate{TeamID: team, Spec: "0 20 * * *", Minutes: 120, Slots: 2, Area: "东门", CreatedBy: staff}, setUp))
		ck(tx.SetPatrolTemplateState(tpl, storage.PatrolPaused, setUp))
		shift := func(start string, walkers, idle []int64) {
			s, _, err := tx.AddPatrolShift(storage.PatrolShift{TemplateID: tpl, TeamID: team, Start: at(start), End: at(start).Add(2 * time.Hour), Slots: 2, Area: "东门"})
			ck(err)
			for _, m := range append(append([]int64{}, walkers...), idle...) {
				yes(tx.TakeSlot(s, m, "take", setUp))
			}
			for _, m := range walkers {
				yes(tx.MarkDuty(s, m, "check_in", at(start)))
			}
		}
		for _, s := range []string{"2026-03-01 00:00", "2026-03-10 20:00", "2026-03-20 20:00", "2026-03-31 23:00"} {
			shift(s, []int64{a}, nil)
		}
		shift("2026-03-05 20:00", []int64{a, b}, nil) // two walkers, one shift
		shift("2026-03-15 20:00", nil, []int64{a, b}) // on the roster, nobody checked in
		s, _, err := tx.AddPatrolShift(storage.PatrolShift{TemplateID: tpl, TeamID: team, Start: at("2026-03-16 20:00"), End: at("2026-03-16 22:00"), Slots: 2, Area: "东门"})
		ck(err)
		yes(tx.TakeSlot(s, b, "take", setUp))
		yes(tx.LeaveSlot(s, b, storage.DutyDropped, setUp)) // dropped before walking
		shift("2026-02-28 23:00", []int64{b}, nil)          // the quarter's, not March's
		shift("2026-04-01 00:00", []int64{a}, nil)
		shift("2025-12-31 23:00", []int64{a}, nil)

		// Scheduled notices: runs of a schedule, sent; hand-sent ones are
		// sumFixture's announcements.
		sch := id(tx.CreateSchedule(storage.Schedule{OwnerID: staff, Kind: storage.ScheduleCron, Spec: "0 9 * * 1", What: storage.ScheduleNotice,
			Audience: storage.AudienceGroups, Text: "weekly"}, setUp))
		yes(tx.SetScheduleState(sch, storage.ScheduleDeleted, setUp))
		notice := func(when, state string) {
			n := id(tx.CreateAnnouncement(storage.Announcement{SenderID: staff, Audience: storage.AudienceGroups, Text: "weekly", ScheduleID: sch}, at(when)))
			if state != "draft" {
				yes(tx.FinishAnnouncement(n, state, false, 3, at(when)))
			}
		}
		notice("2026-03-01 00:00", "sent")
		notice("2026-03-08 09:00", "cancelled")
		notice("2026-03-09 09:00", "draft")
		notice("2026-02-28 23:59", "sent")
		notice("2026-04-01 00:00", "sent")
		notice("2025-12-31 23:59", "sent")

		// Meetings held (posted) and their decisions, by the meeting's time.
		meeting := func(when, state string, decisions int, decidedAt string) {
			m := id(tx.CreateMeeting(storage.Meeting{OrganiserID: staff, Title: "议事会 " + when, StartsAt: at(when), Place: "活动室",
				Audience: storage.AudienceGroups, State: state}, setUp))
			for i := 0; i < decisions; i++ {
				id(tx.AddDecision(m, fmt.Sprintf("决定 %d", i+1), at(decidedAt)))
			}
		}
		meeting("2026-03-01 00:00", storage.MeetingPosted, 4, "2026-03-01 02:00")
		meeting("2026-03-31 23:30", storage.MeetingPosted, 2, "2026-04-02 10:00") // minutes written later
		meeting("2026-02-28 23:30", storage.MeetingPosted, 2, "2026-03-01 01:00") // the quarter's
		meeting("2026-03-10 19:00", storage.MeetingDraft, 1, "2026-03-10 21:00")
		meeting("2026-03-12 19:00", storage.MeetingCancelled, 1, "2026-03-12 21:00")
		meeting("2026-03-14 19:00", storage.MeetingTemplate, 1, "2026-03-14 21:00")
		meeting("2026-04-01 00:00", storage.MeetingPosted, 1, "2026-04-01 02:00")
		meeting("2025-12-31 23:30", storage.MeetingPosted, 1, "2026-01-01 01:00")

		// Households visited: distinct households with a visit done.
		var hh []int64
		for i := 1; i <= 7; i++ {
			hh = append(hh, id(tx.CreateHousehold(storage.Household{Building: "1", Unit: fmt.Sprintf("10%d", i), Name: fmt.Sprintf("住户%d", i),
				Reason: "lives_alone", CreatedBy: staff}, setUp)))
		}
		visit := func(holiday string, year, house int, when string) {
			vs, err := tx.Visits(holiday, year)
			ck(err)
			for _, v := range vs {
				if v.HouseholdID == hh[house-1] {
					ck(tx.MarkVisited(v.ID, a, at(when)))
					return
				}
			}
			t.Fatalf("no %s %d visit for household %d", holiday, year, house)
		}
		for _, r := range []struct {
			holiday string
			year    int
		}{{"spring", 2026}, {"lantern", 2026}, {"newyear", 2025}} {
			_, err := tx.PlanVisits(r.holiday, r.year, setUp)
			ck(err)
		}
		visit("spring", 2026, 1, "2026-03-01 00:00")
		visit("spring", 2026, 2, "2026-03-10 10:00")
		visit("spring", 2026, 3, "2026-03-31 23:59")
		visit("spring", 2026, 4, "2026-03-15 10:00")
		visit("lantern", 2026, 1, "2026-03-20 10:00") // household 1 again: counted once
		visit("spring", 2026, 5, "2026-02-28 23:59")  // the quarter's
		visit("spring", 2026, 6, "2026-04-01 00:00")
		visit("newyear", 2025, 7, "2025-12-31 23:59")
		// household 7's spring visit is still to do

		// Stars: the winners of rounds closed in the period.
		voters := []int64{staff, sam, a, b}
		round := func(closed string, winners, losers int, state string) {
			r := id(tx.CreateStarRound(storage.StarRound{Title: "星 " + closed, Audience: storage.AudienceGroups, NominateUntil: setUp,
				VoteFrom: setUp, VoteUntil: at(closed), OpenedBy: staff}, setUp))
			for i := 0; i < winners+losers; i++ {
				c := id(tx.Nominate(r, "courtyard", voters[i], 0, fmt.Sprintf("%d号楼", i+1), "整洁", setUp))
				ck(tx.SetStarShortlisted(c, true))
				if i < winners {
					id(tx.CastStarVote(r, "courtyard", voters[i], c, setUp))
				}
			}
			if state == storage.StarClosed {
				ck(tx.CountStarVotes(r))
			}
			yes(tx.MoveStarRound(r, storage.StarNominating, state, at(closed)))
		}
		round("2026-03-31 23:59", 2, 1, storage.StarClosed) // a tie of two, and one without votes
		round("2026-03-01 00:00", 1, 0, storage.StarClosed)
		round("2026-03-20 10:00", 2, 0, storage.StarVoting) // still voting
		round("2026-02-28 23:59", 1, 1, storage.StarClosed) // the quarter's
		round("2026-04-01 00:00", 1, 0, storage.StarClosed)
		round("2025-12-31 23:59", 1, 0, storage.StarClosed)

		// Pledge items kept: checked off in the period, whenever pledged.
		old := id(tx.CreatePledgePeriod("2025 下半年", staff, at("2025-07-01 09:00")))
		cur := id(tx.CreatePledgePeriod("2026 上半年", staff, at("2026-01-05 09:00")))
		pa := id(tx.CreatePledge(cur, a, []string{"1", "2", "3", "4", "5", "6", "7", "8"}, at("2026-01-10 09:00")))
		pb := id(tx.CreatePledge(cur, b, []string{"1", "2", "3", "4", "5"}, at("2026-03-05 09:00")))
		po := id(tx.CreatePledge(old, sam, []string{"1", "2"}, at("2025-07-02 09:00")))
		check := func(p int64, pos int, when string) { yes(tx.CheckPledgeItem(p, pos, "", "", at(when))) }
		check(pa, 1, "2026-03-01 00:00")
		check(pa, 2, "2026-03-10 10:00")
		check(pa, 3, "2026-03-20 10:00")
		check(pa, 4, "2026-03-31 23:59")
		check(pb, 1, "2026-03-06 10:00")
		check(pb, 2, "2026-03-07 10:00")
		check(pb, 3, "2026-03-08 10:00")
		check(pa, 5, "2026-02-28 23:59") // the quarter's
		check(pa, 6, "2026-01-15 10:00") // the quarter's
		check(pa, 7, "2026-04-01 00:00")
		check(po, 1, "2025-12-31 23:59")
		// pa 8, pb 4, pb 5 and po 2 are not checked off
		return nil
	})
}
