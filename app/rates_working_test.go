package app

import (
	"testing"
	"time"

	"courtyard/config"
	"courtyard/storage"
)

// /stats of March 2026 gives the response rate counting working hours when
// tickets.working_hours is set (Mon-Fri 08:30-17:30, Sat 09:00-12:00) and
// the clock day and night when it is not, respond within 2h, on a fixture
// worked out by hand (Mon 2, Fri 6, Sat 7, Sun 8, Mon 9; Shanghai):
//
//	Building 1:
//	  in Fri 6 17:00, claimed Sat 7 10:00: working 30 min + 1h, in time;
//	    17h on the clock.
//	  in Sat 7 11:00, claimed Mon 9 11:00: working 1h + 2h30, late.
//	  in Mon 2 07:00 (before the hours), claimed 10:00: working 1h30, in
//	    time; 3h on the clock.
//	  in Mon 2 12:00, rejected 13:00: in time either way.
//	Building 3:
//	  in Sun 8 09:00, claimed Mon 9 09:00: working 30 min, in time; 24h
//	    on the clock.
//	  in Tue 3 16:00, nobody acted: late either way.
//
// With working hours: 1 栋 3/4, 3 栋 1/2, all 4/6 (67%). Around the clock:
// 1 栋 1/4, 3 栋 0/2, all 1/6 (17%).
func TestResponseRateWithWorkingHours(t *testing.T) {
	for _, c := range []struct {
		name  string
		hours []string
		want  string
	}{
		{"working hours", []string{"mon-fri 08:30-17:30", "sat 09:00-12:00"},
			"全部：响应率 67% (4/6) · 办结率 — · 解决率 — · 满意率 —\n" +
				"1 栋：响应率 75% (3/4) · 办结率 — · 解决率 — · 满意率 —\n3 栋：响应率 50% (1/2) · 办结率 — · 解决率 — · 满意率 —"},
		{"around the clock", nil,
			"全部：响应率 17% (1/6) · 办结率 — · 解决率 — · 满意率 —\n" +
				"1 栋：响应率 25% (1/4) · 办结率 — · 解决率 — · 满意率 —\n3 栋：响应率 0% (0/2) · 办结率 — · 解决率 — · 满意率 —"},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, func(cfg *config.Config) { cfg.Tickets.WorkingHours = c.hours })
			adm := h.user(adminID, "Boss", "zh")
			h.register(adm, "1", "101")
			h.lgWrite(func(tx *storage.Tx) error {
				if err := lgReporters(tx, h.clock.Now()); err != nil {
					return err
				}
				hr := time.Hour
				tk := func(b string) storage.Ticket {
					return storage.Ticket{Category: "water", Building: b, ReporterID: 2001}
				}
				claim := func(d time.Duration) lgStep { return lgStep{storage.ActClaim, d} }
				lgTicket(t, tx, tk("1"), lgAt(t, "2026-03-06 17:00"), 2002, claim(17*hr))
				lgTicket(t, tx, tk("1"), lgAt(t, "2026-03-07 11:00"), 2002, claim(48*hr))
				lgTicket(t, tx, tk("1"), lgAt(t, "2026-03-02 07:00"), 2002, claim(3*hr))
				lgTicket(t, tx, tk("1"), lgAt(t, "2026-03-02 12:00"), 2002, lgStep{storage.ActReject, hr})
				lgTicket(t, tx, tk("3"), lgAt(t, "2026-03-08 09:00"), 2002, claim(24*hr))
				lgTicket(t, tx, tk("3"), lgAt(t, "2026-03-03 16:00"), 2002)
				return nil
			})
			h.say(adm, "/stats 2026-03")
			h.expect(adm.ID, "2026-03 工单统计", c.want)
		})
	}
}
