package app

import (
	"strings"
	"testing"

	"courtyard/storage"
)

// /jobs says "you're in" for a job one is in, with no Sign up for it;
// buttons name the job, cut at a word boundary with an ellipsis.
func TestJobButtonsNameTheJobAndJobsSaysYoureIn(t *testing.T) {
	c := newJobCast(t, nil)
	long := "Litter pick by the east gate and the bike shed"
	id := c.jobCreate(c.lin, jobSpec{title: long, when: "tomorrow 9:00-11:00", place: "Lane 4", team: "0", slots: "4", withdraw: "2", chats: []int64{c.group3.ID}})
	other := c.jobCreate(c.lin, jobSpec{title: "Tea", when: "tomorrow 14:00-15:00", place: "Hall", team: "0", slots: "4", withdraw: "2", chats: []int64{c.group3.ID}})
	c.tg.Press(c.li, c.jobCopy(c.group3.ID, id), "jb:su:"+itoa(id))
	c.expectAnswer("Litter pick")
	c.db(func(tx *storage.Tx) error {
		seats, err := tx.JobSeats(id)
		if len(seats) != 1 || seats[0].MemberID != c.li.ID || seats[0].State != storage.SignedUp {
			t.Fatalf("seats: %+v", seats)
		}
		return err
	})

	c.say(c.li, "/jobs")
	list := c.expect(c.li.ID, long, "✅ You're in")
	if hasButton(list, "jb:su:"+itoa(id)) {
		t.Errorf("/jobs offers Sign up for a job Li is in: %s", buttonLabels(list))
	}
	if got := jobButtonText(list, "jb:su:"+itoa(other)); got != "Sign up: Tea" {
		t.Errorf("Sign up for the other job: %q", got)
	}
	if i := strings.Index(list.Plain, long); i < 0 || !strings.Contains(list.Plain[i:], "✅ You're in") {
		t.Errorf("the job Li is in is not marked: %q", list.Plain)
	}

	c.say(c.li, "/myjobs")
	mine := c.expect(c.li.ID, long)
	if got := jobButtonText(mine, "jb:wd:"+itoa(id)); got != "Withdraw: Litter pick by the east…" {
		t.Errorf("withdraw button: %q", got)
	}
	c.say(c.lin, "/myjobs")
	own := c.expect(c.lin.ID, long)
	if got := jobButtonText(own, "jb:cx:"+itoa(id)); got != "Cancel Litter pick by the east…" && got != "Cancel: Litter pick by the east…" {
		t.Errorf("cancel button: %q", got)
	}
	if got := jobButtonText(own, "jb:mv:"+itoa(id)); got != "Change time: Litter pick by the east…" {
		t.Errorf("change-time button: %q", got)
	}
}

// A neighbour quarrel is filed as a neighbour dispute, and staff are
// offered the mediation room.
func TestQuarrelIsANeighbourDispute(t *testing.T) {
	c := newCommunity(t)
	c.tg.SendText(c.wang, c.group, "/report 楼上邻居半夜吵架，纠纷很久了")
	c.expect(c.group.ID, "#1 · 邻里纠纷")
	c.tg.SendText(c.li, c.group, "/report 和对门一直有矛盾")
	c.expect(c.group.ID, "#2 · 邻里纠纷")
	c.tg.SendText(c.li, c.group, "/report 楼上每天半夜装修很吵")
	c.expect(c.group.ID, "#3 · 噪音")
	for id, want := range map[int64]string{1: "neighbours", 2: "neighbours", 3: "noise"} {
		if tk := c.ticket(id); tk.Category != want {
			t.Errorf("#%d filed as %q, want %q", id, tk.Category, want)
		}
	}
	c.say(c.admin, "/ticket 1")
	m := c.expect(c.admin.ID, "#1")
	if !hasButton(m, "md:tk:1") {
		t.Errorf("staff are not offered the mediation room: %s", buttonLabels(m))
	}
}
