package app

import (
	"strings"
	"testing"
	"time"

	"courtyard/config"
	"courtyard/storage"
)

// TestStarsTie: two candidates with the same votes are announced as joint stars.
func TestStarsTie(t *testing.T) {
	c := newStarCast(t, func(cfg *config.Config) {
		cfg.Stars.Categories = []config.StarCategory{{Key: "community", Zh: "社区之星", En: "Community star", Candidates: config.StarPerson}}
	})
	rid := c.starOpen("3", "3")
	c.starNominate(c.wang, rid, "community", c.li.ID, "每天帮邻居取快递", "谢谢")
	c.starNominate(c.li, rid, "community", c.wang.ID, "Cares for the elderly", "Thank you")
	c.starAdvance(3*starDay + time.Minute)
	wangC, liC := c.starCand(rid, "community", c.wang.ID, ""), c.starCand(rid, "community", c.li.ID, "")
	c.starShortlist(rid, "community", wangC, liC)
	c.starConsent(c.wang, wangC)
	c.starConsent(c.li, liC)
	c.starAdvance(starDay)
	c.starVote(c.zhao, rid, "community", wangC, "已投给 王阿姨")
	c.starVote(c.admin, rid, "community", liC, "Your vote for Li")
	c.starAdvance(3 * starDay)
	c.expect(c.group.ID, "社区之星：并列当选：Li（1 票）、王阿姨（1 票）")
	c.expect(c.wang.ID, "恭喜：您当选社区之星")
	c.expect(c.li.ID, "Congratulations: you were elected Community star")
	c.db(func(tx *storage.Tx) error {
		n, err := tx.StarsElected(c.clock.Now().Add(-time.Hour), c.clock.Now().Add(time.Hour))
		if n != 2 {
			t.Errorf("stars elected %d, want 2 joint stars", n)
		}
		return err
	})
}

// TestStarsNobodyNominated: a round without nominations closes plainly at
// the end of the nominations; one with nominations but no shortlist closes
// when the vote would open.
func TestStarsNobodyNominated(t *testing.T) {
	c := newStarCast(t, nil)
	rid := c.starOpen("3", "5")
	c.starAdvance(3*starDay + time.Minute)
	c.expect(c.group.ID, "每月评星 2026年3月：没有人被提名，本轮没有评出之星")
	if s := c.starState(rid); s != storage.StarClosed {
		t.Fatalf("state %q", s)
	}
	c.starForge(c.wang, "st:n:"+itoa(rid)+":community", "提名已经截止")
	// The vote and close moments of the closed round do nothing.
	c.starAdvance(7 * starDay)
	if n := len(c.tg.Messages(c.group.ID)); n != 3 {
		t.Errorf("group got %d messages, want link, opening, closing", n)
	}
	c.say(c.li, "/stars history")
	c.expect(c.li.ID, "Past monthly stars", "Community star: nobody was nominated.")

	// A second round: nominated, but nobody shortlisted.
	rid2 := c.starOpen("3", "5")
	c.starNominate(c.wang, rid2, "community", c.li.ID, "每天帮邻居取快递", "谢谢")
	c.starAdvance(3*starDay + time.Minute)
	c.starAdvance(starDay)
	m := c.expect(c.group.ID, "没有确定候选名单，本轮不投票")
	if strings.Contains(m.Plain, "Li") {
		t.Errorf("a nominee who was never asked was named: %s", m.Plain)
	}
	if s := c.starState(rid2); s != storage.StarClosed {
		t.Fatalf("second round state %q", s)
	}
}

// TestStarsStaffButtonsForged: a resident's forged staff buttons change nothing.
func TestStarsStaffButtonsForged(t *testing.T) {
	c := newStarCast(t, nil)
	rid := c.starOpen("3", "5")
	c.starNominate(c.wang, rid, "community", c.li.ID, "每天帮邻居取快递", "谢谢")
	cand := c.starCand(rid, "community", c.li.ID, "")
	c.starForge(c.wang, "st:o", "只有社区工作人员可以这样做")
	c.starForge(c.wang, "st:t:"+itoa(cand), "只有社区工作人员可以这样做")
	c.starForge(c.li, "st:s:"+itoa(rid)+":community", "Only staff may do that")
	c.starForge(c.wang, "st:c:"+itoa(cand)+":y", "这个按钮已经失效了")
	c.db(func(tx *storage.Tx) error {
		x, err := tx.StarCandidate(cand)
		if x.Shortlisted || x.Consent != "" {
			t.Errorf("a forged button changed the candidate: %+v", x)
		}
		return err
	})
}
