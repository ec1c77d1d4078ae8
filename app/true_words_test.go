package app

import (
	"strings"
	"testing"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// A job for everyone says exactly who is told, before and after; a
// reminder's "I'm coming" from someone not signed up says so.
func TestJobForEveryoneSaysWhoIsToldAndOKFromOutsiders(t *testing.T) {
	c := newJobCast(t, nil)
	l := c.lin
	pub := c.jobPreview(l, jobSpec{title: "Litter pick", when: "tomorrow 9:00-11:00", place: "Lane 4", team: "0", slots: "4", withdraw: "2", chats: []int64{c.group3.ID}})
	told := "to no one in private (a job for everyone is posted in groups only); to 1 group: 3号楼"
	if !strings.HasSuffix(pub.Plain, "On Confirm it goes "+told+".") {
		t.Fatalf("preview: %q", pub.Plain)
	}
	c.tg.Press(l, pub, "fl:job:y:ok")
	done := c.tg.WaitMessage(t, l.ID, func(x telegramtest.Message) bool { return x.ID == pub.ID && hasButtonPrefix(x, "jb:cx:") }, wait)
	if want := `Published "Litter pick": sent ` + told + ". You will get the list of who came after the end."; done.Plain != want {
		t.Fatalf("published: %q, want %q", done.Plain, want)
	}
	id := int64(idFromButton(t, done, "jb:cx:"))
	var posts []storage.JobPost
	c.db(func(tx *storage.Tx) error {
		var err error
		posts, err = tx.JobPosts(id)
		return err
	})
	if len(posts) != 1 || posts[0].ChatID != c.group3.ID {
		t.Fatalf("the job went to %+v, the message said one group", posts)
	}

	// Li signs up in the group; 王阿姨 has not. The reminder's button
	// pressed by each.
	copy := c.lookup(c.group3.ID, func(m telegramtest.Message) bool { return hasButton(m, "jb:su:"+itoa(id)) })
	c.tg.Press(c.li, copy, "jb:su:"+itoa(id))
	c.expectAnswer("Litter pick")
	c.tg.PressRaw(c.li, telegramtest.PrivateChat(c.li), 1, "jb:ok:"+itoa(id))
	c.expectAnswer("see you")
	c.tg.PressRaw(c.wang, telegramtest.PrivateChat(c.wang), 1, "jb:ok:"+itoa(id))
	c.expectAnswer("您没有报名这个活动。")
	c.tg.PressRaw(c.wang, telegramtest.PrivateChat(c.wang), 1, "jb:wd:"+itoa(id))
	c.expectAnswer("您没有报名这个活动。")
	c.db(func(tx *storage.Tx) error {
		seats, err := tx.JobSeats(id)
		if len(seats) != 1 || seats[0].MemberID != c.li.ID || seats[0].State != storage.SignedUp {
			t.Errorf("seats: %+v", seats)
		}
		return err
	})
}

// After /forgetme, /help no longer calls the person a resident.
func TestHelpAfterForgetMe(t *testing.T) {
	c := newCommunity(t)
	c.say(c.wang, "/help")
	c.expect(c.wang.ID, "您可以使用的命令（居民）")
	c.say(c.wang, "/forgetme")
	ask := c.tg.WaitMessage(t, c.wang.ID, func(m telegramtest.Message) bool { return hasButton(m, "pv:forget") }, wait)
	c.tg.Press(c.wang, ask, "pv:forget")
	c.expect(c.wang.ID, "您的个人数据已删除")
	c.db(func(tx *storage.Tx) error {
		m, err := tx.Member(c.wang.ID)
		if err == nil && m.Registered() {
			t.Errorf("still registered after /forgetme: %+v", m)
		}
		return nil
	})
	c.say(c.wang, "/help")
	m := c.expect(c.wang.ID, "您可以使用的命令（未登记）")
	if strings.Contains(m.Plain, "居民") {
		t.Errorf("help after /forgetme: %q", m.Plain)
	}
}
