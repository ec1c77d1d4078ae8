package schedule

import (
	"errors"
	"testing"
	"time"
)

func mustLoad(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestNext(t *testing.T) {
	sh := mustLoad(t, "Asia/Shanghai")
	be := mustLoad(t, "Europe/Berlin")
	at := func(loc *time.Location, s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, c := range []struct {
		spec  string
		loc   *time.Location
		after string
		want  []string // the next firings, in order, as "2006-01-02 15:04 MST"
	}{
		{"0 20 * * *", sh, "2026-03-02 09:00", []string{"2026-03-02 20:00 CST", "2026-03-03 20:00 CST"}},
		{"0 20 * * *", sh, "2026-03-02 20:00", []string{"2026-03-03 20:00 CST"}},
		{"30 19 1,15 * *", sh, "2026-03-02 09:00", []string{"2026-03-15 19:30 CST", "2026-04-01 19:30 CST", "2026-04-15 19:30 CST"}},
		{"0 9 * * 1", sh, "2026-03-02 09:00", []string{"2026-03-09 09:00 CST", "2026-03-16 09:00 CST"}},
		{"0 9 * * MON", sh, "2026-03-01 23:00", []string{"2026-03-02 09:00 CST"}},
		{"0 7 * * 1-5", sh, "2026-03-06 08:00", []string{"2026-03-09 07:00 CST", "2026-03-10 07:00 CST"}},
		{"0 8 * * 0,6", sh, "2026-03-02 09:00", []string{"2026-03-07 08:00 CST", "2026-03-08 08:00 CST", "2026-03-14 08:00 CST"}},
		{"0 8 * * SAT,SUN", sh, "2026-03-02 09:00", []string{"2026-03-07 08:00 CST", "2026-03-08 08:00 CST"}},
		{"0 20 * * *", sh, "2026-12-31 21:00", []string{"2027-01-01 20:00 CST"}},
		{"0 0 29 2 *", sh, "2026-03-01 00:00", []string{"2028-02-29 00:00 CST"}},
		{"@daily", sh, "2026-03-02 09:00", []string{"2026-03-03 00:00 CST"}},
		{"@weekly", sh, "2026-03-02 09:00", []string{"2026-03-08 00:00 CST"}},
		{"@monthly", sh, "2026-03-02 09:00", []string{"2026-04-01 00:00 CST"}},
		// Berlin, spring forward on 29 March 2026 (02:00 -> 03:00): the
		// skipped 02:30 fires at 03:30, once.
		{"30 2 * * *", be, "2026-03-28 12:00", []string{"2026-03-29 03:30 CEST", "2026-03-30 02:30 CEST"}},
		{"0 20 * * *", be, "2026-03-28 12:00", []string{"2026-03-28 20:00 CET", "2026-03-29 20:00 CEST"}},
		{"0 * * * *", be, "2026-03-29 00:30", []string{"2026-03-29 01:00 CET", "2026-03-29 03:00 CEST", "2026-03-29 04:00 CEST"}},
		{"*/30 * * * *", be, "2026-03-29 01:10", []string{"2026-03-29 01:30 CET", "2026-03-29 03:00 CEST", "2026-03-29 03:30 CEST", "2026-03-29 04:00 CEST"}},
		// Berlin, fall back on 25 October 2026 (03:00 -> 02:00): 02:30
		// happens twice and fires once.
		{"30 2 * * *", be, "2026-10-24 12:00", []string{"2026-10-25 02:30 CET", "2026-10-26 02:30 CET"}},
		{"0 20 * * *", be, "2026-10-24 12:00", []string{"2026-10-24 20:00 CEST", "2026-10-25 20:00 CET"}},
		{"0 * * * *", be, "2026-10-25 00:30", []string{"2026-10-25 01:00 CEST", "2026-10-25 02:00 CET", "2026-10-25 03:00 CET"}},
	} {
		s, err := ParseSpec(c.spec)
		if err != nil {
			t.Errorf("%q: %v", c.spec, err)
			continue
		}
		from := at(c.loc, c.after)
		for i, w := range c.want {
			got := Next(s, c.loc, from)
			if g := got.Format("2006-01-02 15:04 MST"); g != w {
				t.Errorf("%q after %s, firing %d: got %s, want %s", c.spec, c.after, i+1, g, w)
				break
			}
			if !got.After(from) {
				t.Errorf("%q: %v is not after %v", c.spec, got, from)
			}
			from = got
		}
	}
	// A mid-hour moment in the repeated autumn hour, after 02:30 fired.
	s, _ := ParseSpec("30 2 * * *")
	second := time.Date(2026, 10, 25, 1, 45, 0, 0, time.UTC) // 02:45 CET
	if got := Next(s, be, second); got.Format("2006-01-02 15:04 MST") != "2026-10-26 02:30 CET" {
		t.Errorf("after 02:45 CET: %v", got)
	}
}

func TestPerDay(t *testing.T) {
	sh := mustLoad(t, "Asia/Shanghai")
	be := mustLoad(t, "Europe/Berlin")
	day := func(loc *time.Location, y int, m time.Month, d int) time.Time {
		return time.Date(y, m, d, 12, 0, 0, 0, loc)
	}
	for _, c := range []struct {
		spec string
		loc  *time.Location
		day  time.Time
		want int
	}{
		{"0 20 * * *", sh, day(sh, 2026, 3, 2), 1},
		{"*/30 * * * *", sh, day(sh, 2026, 3, 2), 48},
		{"*/29 * * * *", sh, day(sh, 2026, 3, 2), 72},
		{"* * * * *", sh, day(sh, 2026, 3, 2), 1440},
		{"0 9 * * 1", sh, day(sh, 2026, 3, 3), 0},
		{"30 19 1,15 * *", sh, day(sh, 2026, 3, 15), 1},
		{"0 * * * *", be, day(be, 2026, 3, 29), 23},
		{"0 * * * *", be, day(be, 2026, 10, 25), 24},
		{"30 2 * * *", be, day(be, 2026, 3, 29), 1},
		{"30 2 * * *", be, day(be, 2026, 10, 25), 1},
		{"*/30 * * * *", be, day(be, 2026, 10, 25), 48},
	} {
		s, err := ParseSpec(c.spec)
		if err != nil {
			t.Fatal(err)
		}
		if got := PerDay(s, c.loc, c.day); got != c.want {
			t.Errorf("%q on %s: %d a day, want %d", c.spec, c.day.Format("2006-01-02"), got, c.want)
		}
	}
}

func TestParseSpecErrorsNameTheField(t *testing.T) {
	for _, c := range []struct {
		spec  string
		field Field
		value string
	}{
		{"60 20 * * *", FieldMinute, "60"},
		{"*/0 * * * *", FieldMinute, "*/0"},
		{"a b c d e", FieldMinute, "a"},
		{"0 25 * * *", FieldHour, "25"},
		{"0 8-x * * *", FieldHour, "8-x"},
		{"0 20 32 * *", FieldDayOfMonth, "32"},
		{"0 20 0 * *", FieldDayOfMonth, "0"},
		{"0 20 * 13 *", FieldMonth, "13"},
		{"0 20 * JANUARY *", FieldMonth, "JANUARY"},
		{"0 20 * * 8", FieldDayOfWeek, "8"},
		{"0 20 * * MONDAY", FieldDayOfWeek, "MONDAY"},
		{"0 20 * *", FieldSpec, ""},
		{"0 0 20 * * * *", FieldSpec, ""},
		{"CRON_TZ=Europe/Berlin 0 20 * * *", FieldSpec, ""},
		{"", FieldSpec, ""},
		{"@every 1h", FieldSpec, ""},
		{"@sometimes", FieldSpec, ""},
		{"0 0 31 4 *", FieldSpec, ""},
	} {
		_, err := ParseSpec(c.spec)
		var se *SpecError
		if !errors.As(err, &se) {
			t.Errorf("%q: %v, want a SpecError", c.spec, err)
			continue
		}
		if se.Field != c.field || se.Value != c.value {
			t.Errorf("%q: field %v %q, want %v %q (%v)", c.spec, se.Field, se.Value, c.field, c.value, err)
		}
		t.Logf("%q: %v", c.spec, err)
	}
	if _, err := ParseSpec("0 0 31 4 *"); !errors.Is(err, ErrNeverFires) {
		t.Errorf("31 April: %v", err)
	}
	if FieldDayOfMonth.String() != "day of month" || FieldSpec.String() != "expression" {
		t.Error("field names")
	}
}
