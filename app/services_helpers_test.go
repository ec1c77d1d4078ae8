package app

import (
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot/models"

	"courtyard/bot/telegramtest"
	"courtyard/config"
	"courtyard/storage"
)

// svDesk is the community with a staff member who works the desk.
type svDesk struct {
	*community
	staff models.User
}

// newServicesDesk is newCommunity with a staff member, 张 (zh), and the
// config edited by edit.
func newServicesDesk(t *testing.T, edit func(*config.Config)) *svDesk {
	t.Helper()
	c := newCommunityWith(t, edit)
	d := &svDesk{community: c, staff: c.user(staffID, "张", "zh")}
	c.register(d.staff, "1", "102")
	c.say(c.admin, "/grant 1001 staff")
	c.expect(c.admin.ID, "is now")
	return d
}

// buttonWith is the data of the first button of m whose data starts with
// prefix; the test fails without one.
func (d *svDesk) buttonWith(m telegramtest.Message, prefix string) string {
	d.t.Helper()
	for _, row := range m.Buttons {
		for _, b := range row {
			if strings.HasPrefix(b.Data, prefix) {
				return b.Data
			}
		}
	}
	d.t.Fatalf("no button %s… on %q: %+v", prefix, m.Plain, m.Buttons)
	return ""
}

// urlWith is the URL of the first button of m whose URL contains part.
func urlWith(m telegramtest.Message, part string) string {
	for _, row := range m.Buttons {
		for _, b := range row {
			if strings.Contains(b.URL, part) {
				return b.URL
			}
		}
	}
	return ""
}

// svBookFirst walks u from /services to the first free time of the
// service's n-th day offered and returns the confirmation.
func (d *svDesk) svBookFirst(u models.User, key string, n int, want ...string) telegramtest.Message {
	d.t.Helper()
	d.say(u, "/services")
	list := d.expect(u.ID, want[0])
	d.tg.Press(u, list, "sv:o:"+key)
	view := d.expect(u.ID, want[1])
	d.tg.Press(u, view, "sv:bk:"+key)
	days := d.expect(u.ID, want[2])
	var day string
	seen := 0
	for _, row := range days.Buttons {
		for _, b := range row {
			if strings.HasPrefix(b.Data, "sv:bd:") {
				if seen == n {
					day = b.Data
				}
				seen++
			}
		}
	}
	if day == "" {
		d.t.Fatalf("no day %d offered: %+v", n, days.Buttons)
	}
	d.tg.Press(u, days, day)
	times := d.expect(u.ID, want[3])
	d.tg.Press(u, times, d.buttonWith(times, "sv:bt:"))
	return d.expect(u.ID, want[4:]...)
}

// svBookings are the bookings of member, every state.
func (d *svDesk) svBookings(member int64) []storage.Booking {
	d.t.Helper()
	var out []storage.Booking
	d.db(func(tx *storage.Tx) error {
		bs, err := tx.BookingsBetween(time.Time{}, time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC))
		for _, b := range bs {
			if b.MemberID == member {
				out = append(out, b)
			}
		}
		return err
	})
	return out
}

// svCase reads case id.
func (d *svDesk) svCase(id int64) storage.Case {
	d.t.Helper()
	var c storage.Case
	d.db(func(tx *storage.Tx) error {
		var err error
		c, err = tx.Case(id)
		return err
	})
	return c
}

// shanghai is the community's zone in the tests.
var shanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		panic(err)
	}
	return loc
}()

// svDump logs every message of the chats as it now stands, for reading
// with -v.
func (d *svDesk) svDump(chats map[string]int64) {
	d.t.Helper()
	for name, id := range chats {
		for _, m := range d.tg.Messages(id) {
			what := m.Plain
			switch {
			case m.Voice != "":
				what = "[voice " + m.Voice + "] " + what
			case m.Photo != "":
				what = "[photo " + m.Photo + "] " + what
			}
			var buttons []string
			for _, row := range m.Buttons {
				for _, b := range row {
					buttons = append(buttons, b.Text)
				}
			}
			d.t.Logf("%s #%d: %s %v", name, m.ID, strings.ReplaceAll(what, "\n", " ⏎ "), buttons)
		}
	}
}
