package app

import (
	"strings"
	"testing"
	"time"

	"courtyard/storage"
)

const starDay = 24 * time.Hour

// TestStarsFullRound: open, nominate (with the bad inputs), shortlist with
// consent, vote and change a vote, close, announce, history.
func TestStarsFullRound(t *testing.T) {
	c := newStarCast(t, nil)
	rid := c.starOpen("3", "5")
	c.expect(c.group.ID, "每月评星 2026年3月", "社区之星、楼长之星、楼院之星")

	// Nominations, in private, with a reason.
	c.starNominate(c.wang, rid, "community", c.li.ID, "每天帮邻居取快递", "谢谢：您提名了 Li 为社区之星")
	c.starNominate(c.li, rid, "community", c.wang.ID, "She looks after the elderly on her floor", "you nominated 王阿姨 for Community star")
	c.starNominate(c.admin, rid, "community", c.zhao.ID, "Sweeps the stairs", "you nominated 赵 for Community star")
	// 赵 lives in building 1: his own building's people come first; he
	// finds 王阿姨 by her unit.
	last := c.starLast(c.zhao.ID)
	c.say(c.zhao, "/stars")
	m := c.starAfter(c.zhao.ID, last, "st:n:"+itoa(rid)+":community", "提名截止到")
	c.tg.Press(c.zhao, m, "st:n:"+itoa(rid)+":community")
	m = c.starAfter(c.zhao.ID, m.ID, "fl:star_nom:k:who:2001", "您提名谁为社区之星？")
	if m.Buttons[0][0].Data != "fl:star_nom:k:who:"+itoa(c.admin.ID) {
		t.Errorf("the first button is not of 赵's own building: %+v", m.Buttons)
	}
	c.say(c.zhao, "502")
	m = c.expect(c.zhao.ID, "找到 1 位与“502”相符的人")
	c.tg.Press(c.zhao, m, "fl:star_nom:k:who:2001")
	c.expect(c.zhao.ID, "为什么提名 王阿姨 为社区之星")
	c.say(c.zhao, "热心肠，天天帮人")
	c.expect(c.zhao.ID, "提名 王阿姨 为社区之星，理由：“热心肠，天天帮人”", "确定吗")
	c.say(c.zhao, "确定")
	c.expect(c.zhao.ID, "谢谢：您提名了 王阿姨 为社区之星")

	// Bad input: a second nomination in a category; for the leader star,
	// oneself and a resident who is no leader are not on the list; a
	// reason over 300 characters.
	c.starForge(c.wang, "st:n:"+itoa(rid)+":community", "您已经提名 Li 为社区之星：每个类别只能提名一次")
	last = c.starLast(c.wang.ID)
	c.say(c.wang, "/stars")
	m = c.starAfter(c.wang.ID, last, "st:n:"+itoa(rid)+":leader", "社区之星：您提名了 Li")
	c.tg.Press(c.wang, m, "st:n:"+itoa(rid)+":leader")
	m = c.starAfter(c.wang.ID, m.ID, "fl:star_nom:k:who:"+itoa(c.lin.ID), "您提名谁为楼长之星？")
	if len(m.Buttons) != 2 {
		t.Errorf("the leader star offers others than the one leader: %+v", m.Buttons)
	}
	c.say(c.wang, itoa(c.wang.ID))
	c.expect(c.wang.ID, "没有找到与“2001”相符的人", "您提名谁为楼长之星？")
	c.say(c.wang, "@"+"nobody_here")
	c.expect(c.wang.ID, "没有找到与“@nobody_here”相符的人")
	c.say(c.wang, "Li")
	m2 := c.expect(c.wang.ID, "没有找到与“Li”相符的人")
	c.tg.Press(c.wang, m2, "fl:star_nom:k:who:"+itoa(c.lin.ID))
	c.expect(c.wang.ID, "为什么提名 林 为楼长之星")
	c.say(c.wang, strings.Repeat("好", 301))
	c.expect(c.wang.ID, "理由有 301 字，最多 300 字")
	c.say(c.wang, "楼道灯坏了当天就修好")
	ok := c.expect(c.wang.ID, "提名 林 为楼长之星，理由：“楼道灯坏了当天就修好”")
	c.tg.Press(c.wang, ok, "fl:star_nom:y:ok")
	c.expect(c.wang.ID, "谢谢：您提名了 林 为楼长之星")
	// The courtyard: one's own building, no one to pick.
	c.starNominate(c.wang, rid, "courtyard", 0, "楼院干净，花草有人照料", "谢谢：您提名了 3号楼 为楼院之星")
	c.starNominate(c.zhao, rid, "courtyard", 0, "停车有序", "谢谢：您提名了 1号楼 为楼院之星")
	c.db(func(tx *storage.Tx) error {
		n, err := tx.StarNominationBy(rid, "leader", c.wang.ID)
		if err != nil || n.Reason != "楼道灯坏了当天就修好" {
			t.Errorf("the long reason changed the nomination: %+v %v", n, err)
		}
		return nil
	})

	// Nominations close: staff are asked to shortlist.
	c.starAdvance(3*starDay + time.Minute)
	c.expect(c.admin.ID, "Nominations for 2026-03 are closed: 6 nominees")
	if s := c.starState(rid); s != storage.StarShortlisting {
		t.Fatalf("state after the nominations %q", s)
	}
	wangC, liC, zhaoC := c.starCand(rid, "community", c.wang.ID, ""), c.starCand(rid, "community", c.li.ID, ""), c.starCand(rid, "community", c.zhao.ID, "")
	linC := c.starCand(rid, "leader", c.lin.ID, "")
	b3, b1 := c.starCand(rid, "courtyard", 0, "3"), c.starCand(rid, "courtyard", 0, "1")
	shortlisting := c.tg.Mark()
	c.starShortlist(rid, "community", wangC, liC)
	c.expectSince(shortlisting, c.wang.ID, "邻居们提名您为社区之星（2026年3月）")
	c.expectSince(shortlisting, c.li.ID, "Neighbours nominated you for Community star")
	c.starShortlist(rid, "leader", linC)
	c.starShortlist(rid, "courtyard", b3, b1)
	c.starConsent(c.wang, wangC)
	c.starConsent(c.li, liC)
	c.starConsent(c.lin, linC)
	// A vote before the vote opens.
	c.starForge(c.zhao, "st:v:"+itoa(wangC), "投票还没开始")

	// Voting opens: the group is told.
	c.starAdvance(starDay)
	c.expect(c.group.ID, "每月评星 2026年3月 开始投票")
	c.starVote(c.zhao, rid, "community", liC, "已投给 Li（社区之星）")
	c.starVote(c.zhao, rid, "community", wangC, "已从 Li 改投 王阿姨（社区之星）：每个类别一票，以最后一次为准")
	c.starVote(c.li, rid, "community", wangC, "Your vote for 王阿姨 (Community star) is in")
	c.starVote(c.admin, rid, "community", wangC, "Your vote for 王阿姨")
	c.starVote(c.wang, rid, "community", liC, "已投给 Li")
	c.starVote(c.li, rid, "leader", linC, "Your vote for 林 (Leader star)")
	c.starVote(c.zhao, rid, "courtyard", b3, "已投给 3号楼（楼院之星）")
	// Bad votes: for oneself, one's own courtyard, someone not shortlisted.
	c.starForge(c.wang, "st:v:"+itoa(wangC), "不能投给自己")
	c.starForge(c.zhao, "st:v:"+itoa(b1), "不能投给自己所在楼的楼院")
	c.starForge(c.li, "st:v:"+itoa(zhaoC), "not on the shortlist")
	c.db(func(tx *storage.Tx) error {
		v, err := tx.StarVoteOf(rid, "community", c.li.ID)
		if v != wangC {
			t.Errorf("a refused vote changed Li's vote to %d", v)
		}
		cs, _ := tx.StarCandidates(rid, "")
		for _, x := range cs {
			if x.Votes != 0 {
				t.Errorf("votes counted before the close: %+v", x)
			}
		}
		return err
	})

	// The close: counted, announced with the reasons, the star told.
	c.starAdvance(5 * starDay)
	res := c.expect(c.group.ID, "每月评星 2026年3月 结果", "社区之星：王阿姨（3 票）", "楼长之星：林（1 票）", "楼院之星：3号楼（1 票）")
	if !strings.Contains(res.Plain, "She looks after the elderly") || !strings.Contains(res.Plain, "楼院干净") {
		t.Errorf("results without the reasons: %s", res.Plain)
	}
	if strings.Contains(res.Plain, "Li（") || strings.Contains(res.Plain, "赵") {
		t.Errorf("results name who nominated or lost: %s", res.Plain)
	}
	c.expect(c.wang.ID, "恭喜：您当选社区之星（2026年3月），得 3 票")
	c.starForge(c.li, "st:v:"+itoa(liC), "Voting is closed")
	if s := c.starState(rid); s != storage.StarClosed {
		t.Fatalf("state after the close %q", s)
	}

	// History.
	c.say(c.li, "/stars history")
	c.expect(c.li.ID, "Past monthly stars", "Community star: 王阿姨 (3 votes)", "Courtyard star: Building 3 (1 vote)")
	if v := c.tg.Violations(); len(v) != 0 {
		t.Errorf("spec violations: %v", v)
	}
}
