package app

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"reflect"
	"regexp"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	goical "github.com/emersion/go-ical"

	"courtyard/bot/telegramtest"
	"courtyard/config"
	"courtyard/storage"
)

// agEvent is what a test reads of one calendar event.
type agEvent struct {
	Summary, Location string
	Start, End        time.Time // UTC; an all-day event's day at midnight UTC
	AllDay            bool
}

// agParse reads an iCalendar file with golang-ical and, independently,
// with go-ical; both must read the same events (by UID), each with a
// DTSTAMP.
func agParse(t *testing.T, data []byte) map[string]agEvent {
	t.Helper()
	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("golang-ical cannot parse it: %v\n%s", err, data)
	}
	first := map[string]agEvent{}
	for _, e := range cal.Events() {
		var ev agEvent
		ev.Summary = e.GetProperty(ics.ComponentPropertySummary).Value
		if p := e.GetProperty(ics.ComponentPropertyLocation); p != nil {
			ev.Location = p.Value
		}
		if _, err := e.GetDtStampTime(); err != nil {
			t.Errorf("%s has no DTSTAMP: %v", e.Id(), err)
		}
		if v := e.GetProperty(ics.ComponentPropertyDtStart).ICalParameters["VALUE"]; len(v) == 1 && v[0] == "DATE" {
			ev.AllDay = true
			ev.Start, _ = e.GetAllDayStartAt()
			ev.End, _ = e.GetAllDayEndAt()
		} else {
			ev.Start, _ = e.GetStartAt()
			ev.End, _ = e.GetEndAt()
		}
		ev.Start, ev.End = agDay(ev.Start, ev.AllDay), agDay(ev.End, ev.AllDay)
		first[e.Id()] = ev
	}
	other, err := goical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		t.Fatalf("go-ical cannot parse it: %v\n%s", err, data)
	}
	second := map[string]agEvent{}
	for _, e := range other.Events() {
		var ev agEvent
		uid, _ := e.Props.Text(goical.PropUID)
		ev.Summary, _ = e.Props.Text(goical.PropSummary)
		ev.Location, _ = e.Props.Text(goical.PropLocation)
		ev.AllDay = e.Props.Get(goical.PropDateTimeStart).ValueType() == goical.ValueDate
		ev.Start, _ = e.DateTimeStart(time.UTC)
		ev.End, _ = e.DateTimeEnd(time.UTC)
		ev.Start, ev.End = agDay(ev.Start, ev.AllDay), agDay(ev.End, ev.AllDay)
		if e.Props.Get(goical.PropDateTimeStamp) == nil {
			t.Errorf("%s has no DTSTAMP (go-ical)", uid)
		}
		second[uid] = ev
	}
	if !reflect.DeepEqual(first, second) {
		t.Fatalf("the two parsers read different events:\ngolang-ical %+v\ngo-ical     %+v", first, second)
	}
	return first
}

// agDay is t in UTC; for an all-day event, its date at midnight UTC.
func agDay(t time.Time, allDay bool) time.Time {
	if allDay {
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	}
	return t.UTC()
}

// agWant are the events of agWeek, in English.
func (c *agCast) agWant() map[string]agEvent {
	at := func(s string) time.Time { return time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC).Add(mustDur(c.t, s)) }
	host := "@" + telegramtest.BotUsername
	return map[string]agEvent{
		"shift-" + itoa(c.shift) + host: {Summary: "Patrol shift: Night patrol", Location: "Gate", Start: at("12h"), End: at("14h")},
		"job-" + itoa(c.job) + host:     {Summary: "Volunteer job: Litter pick", Location: "Garden", Start: at("13h"), End: at("15h")},
		"meeting-" + itoa(c.meeting) + host: {Summary: "Meeting: Residents' meeting", Location: "Hall",
			Start: at("35h"), End: at("36h30m")},
		"visit-" + itoa(c.visit) + host: {Summary: "Holiday visit, by this day: Granny Wang", Location: "3-402", AllDay: true,
			Start: time.Date(2026, 4, 5, 0, 0, 0, 0, time.UTC), End: time.Date(2026, 4, 6, 0, 0, 0, 0, time.UTC)},
	}
}

func mustDur(t *testing.T, s string) time.Duration {
	t.Helper()
	d, err := time.ParseDuration(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// /mine ics sends the agenda as a calendar file that two independent
// parsers read back as the expected events.
func TestMineICSParsesBack(t *testing.T) {
	c := agNew(t, nil)
	ann := c.agPerson(6021, "Ann", "en")
	c.agWeek(ann)
	c.say(ann, "/mine ics")
	m := c.tg.WaitMessage(t, ann.ID, func(x telegramtest.Message) bool {
		return x.Method == "sendDocument" && x.DocumentName == "agenda.ics"
	}, wait)
	if got, want := agParse(t, m.DocumentData), c.agWant(); !reflect.DeepEqual(got, want) {
		t.Fatalf("events\n got %+v\nwant %+v", got, want)
	}
	if !regexp.MustCompile(`4 items`).MatchString(m.Caption) {
		t.Errorf("caption %q", m.Caption)
	}
}

// /mine link gives a feed URL that serves the calendar, built anew on
// each request; a wrong or revoked secret is 404; past the rate, 429.
func TestMineLinkFeed(t *testing.T) {
	addr := make(chan net.Addr, 1)
	c := &agCast{harness: startHarness(t, func(cfg *config.Config) { cfg.HTTP.Listen = "127.0.0.1:0" },
		Options{Listening: func(a net.Addr) { addr <- a }})}
	base := "http://" + (<-addr).String()
	c.write(func(tx *storage.Tx) error { return tx.TouchMember(adminID, "Ada", "", "en", c.clock.Now()) })
	ann := c.agPerson(6022, "Ann", "en")
	c.agWeek(ann)
	secretOf := regexp.MustCompile(`/calendar/([A-Za-z0-9_-]{43})\.ics`)
	c.say(ann, "/mine link")
	m := c.expect(ann.ID, "Your private calendar link")
	found := secretOf.FindStringSubmatch(m.Plain)
	if found == nil {
		t.Fatalf("no link in %q", m.Plain)
	}
	feed := base + "/calendar/" + found[1] + ".ics"
	// Her data copy says she has a link, never its secret.
	if rs := pdSection(t, c.pdMyData(ann), "calendar_link"); len(rs) != 1 {
		t.Errorf("calendar_link in /mydata: %v", rs)
	}
	code, body := get(t, feed)
	if code != http.StatusOK {
		t.Fatalf("feed: %d %s", code, body)
	}
	c.say(ann, "/mydata")
	doc := c.tg.WaitMessage(t, ann.ID, func(x telegramtest.Message) bool { return x.Method == "sendDocument" }, wait)
	if bytes.Contains(doc.DocumentData, []byte(found[1])) {
		t.Error("/mydata holds the feed's secret")
	}
	if got, want := agParse(t, []byte(body)), c.agWant(); !reflect.DeepEqual(got, want) {
		t.Fatalf("feed events\n got %+v\nwant %+v", got, want)
	}
	// The feed follows the database: Ann drops out of the job.
	c.write(func(tx *storage.Tx) error {
		j, err := tx.Job(c.job)
		if err != nil {
			return err
		}
		_, err = tx.JobWithdraw(j, ann.ID, c.clock.Now())
		return err
	})
	want := c.agWant()
	delete(want, "job-"+itoa(c.job)+"@"+telegramtest.BotUsername)
	if code, body = get(t, feed); code != http.StatusOK || !reflect.DeepEqual(agParse(t, []byte(body)), want) {
		t.Fatalf("the feed did not follow the withdrawal: %d\n%s", code, body)
	}
	wrong := []byte(found[1])
	wrong[0] ^= 1
	if code, _ = get(t, base+"/calendar/"+string(wrong)+".ics"); code != http.StatusNotFound {
		t.Errorf("a wrong secret: %d", code)
	}
	if code, _ = get(t, base+"/calendar/"+found[1]); code != http.StatusNotFound {
		t.Errorf("the secret without .ics: %d", code)
	}
	// Revoked, the link is 404.
	c.say(ann, "/mine link")
	m = c.expect(ann.ID, "You already have a calendar link")
	c.act()
	c.tg.Press(ann, m, "mine:rv")
	c.expect(ann.ID, "Your calendar link is revoked")
	if code, _ = get(t, feed); code != http.StatusNotFound {
		t.Fatalf("a revoked secret: %d", code)
	}
	// A new link works; past its rate (10 at once) it is 429.
	c.say(ann, "/mine link")
	m = c.expect(ann.ID, "Your private calendar link")
	found = secretOf.FindStringSubmatch(m.Plain)
	feed = base + "/calendar/" + found[1] + ".ics"
	for i := range 10 {
		if code, _ = get(t, feed); code != http.StatusOK {
			t.Fatalf("request %d: %d", i+1, code)
		}
	}
	if code, _ = get(t, feed); code != http.StatusTooManyRequests {
		t.Fatalf("request 11: %d", code)
	}
	// Time passing gives the secret its requests back.
	c.clock.Advance(time.Minute)
	if code, _ = get(t, feed); code != http.StatusOK {
		t.Fatalf("a minute later: %d", code)
	}
	// A new link replaces the old one.
	c.say(ann, "/mine link")
	m = c.expect(ann.ID, "You already have a calendar link")
	c.act()
	c.tg.Press(ann, m, "mine:new")
	m = c.expect(ann.ID, "Your private calendar link")
	renewed := secretOf.FindStringSubmatch(m.Plain)
	if renewed == nil || renewed[1] == found[1] {
		t.Fatalf("no new link in %q", m.Plain)
	}
	if code, _ = get(t, feed); code != http.StatusNotFound {
		t.Errorf("the replaced link: %d", code)
	}
	if code, _ = get(t, base+"/calendar/"+renewed[1]+".ics"); code != http.StatusOK {
		t.Errorf("the new link: %d", code)
	}
}

// agGetFrom fetches url as if through a local proxy for address from.
func agGetFrom(t *testing.T, url, from string) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Forwarded-For", from)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// Guessing secrets is limited per address (30 at once): past it an
// address gets 429 whatever it asks, while another address still gets
// its 404.
func TestMineFeedLimitsPerAddress(t *testing.T) {
	addr := make(chan net.Addr, 1)
	startHarness(t, func(cfg *config.Config) { cfg.HTTP.Listen = "127.0.0.1:0" },
		Options{Listening: func(a net.Addr) { addr <- a }})
	base := "http://" + (<-addr).String() + "/calendar/"
	guess := func(i int) string { return base + fmt.Sprintf("%043d", i) + ".ics" }
	for i := range 30 {
		if code := agGetFrom(t, guess(i), "203.0.113.7"); code != http.StatusNotFound {
			t.Fatalf("guess %d: %d", i+1, code)
		}
	}
	if code := agGetFrom(t, guess(30), "203.0.113.7"); code != http.StatusTooManyRequests {
		t.Fatalf("guess 31: %d", code)
	}
	if code := agGetFrom(t, guess(31), "198.51.100.9"); code != http.StatusNotFound {
		t.Fatalf("another address: %d", code)
	}
}
