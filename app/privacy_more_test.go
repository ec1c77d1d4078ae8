package app

import (
	"database/sql"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"courtyard/bot/telegramtest"
	"courtyard/storage"
)

// pmSeed gives 王阿姨 (the pledge cast's) a closed star round she won, a
// nomination and a vote of hers, a meeting and a schedule she organised, an
// answer to another meeting, a rating of 林's pledge, and a place as a party
// in a dispute record the admin keeps. It returns the dispute's id.
func (c *pledgeCast) pmSeed() int64 {
	c.t.Helper()
	now := c.clock.Now().UnixMilli()
	c.pdSQL(func(db *sql.DB) error {
		for _, q := range strings.Split(strings.TrimSpace(`
INSERT INTO star_rounds (id, title, state, audience, nominate_until, vote_from, vote_until, opened_by, opened_at, closed_at)
	VALUES (90, '2026-02', 'closed', 'groups', ?1, ?1, ?1, ?2, ?1, ?1);
INSERT INTO star_candidates (id, round_id, category, member_id, shortlisted, consent, votes, winner) VALUES
	(91, 90, 'community', ?3, 1, 'yes', 2, 1), (92, 90, 'community', ?4, 1, 'yes', 1, 0);
INSERT INTO star_nominations (round_id, category, nominator_id, candidate_id, reason, created_at)
	VALUES (90, 'community', ?3, 92, '每天扫楼梯', ?1);
INSERT INTO star_votes (round_id, category, voter_id, candidate_id, voted_at) VALUES (90, 'community', ?3, 92, ?1);
INSERT INTO schedules (id, owner_id, kind, spec, what, audience, text, state, created_at, updated_at)
	VALUES (80, ?3, 'cron', '0 9 * * 1', 'notice', 'residents', '周一倒垃圾', 'paused', ?1, ?1);
INSERT INTO meetings (id, organiser_id, title, starts_at, place, state, minutes, created_at) VALUES
	(81, ?3, '楼院议事会', ?1, '服务站', 'posted', '决定修车棚', ?1),
	(82, ?2, 'Tea', ?1, 'Hall', 'posted', '', ?1);
INSERT INTO meeting_rsvps (meeting_id, member_id, coming, at) VALUES (82, ?3, 1, ?1), (81, ?2, 1, ?1);
INSERT INTO pledges (id, period_id, member_id, created_at) VALUES (70, (SELECT id FROM pledge_periods), ?5, ?1);
INSERT INTO pledge_items (pledge_id, pos, text) VALUES (70, 1, '修好楼道灯');
INSERT INTO pledge_ratings (pledge_id, rater_id, stars, word, created_at) VALUES (70, ?3, 4, '不错', ?1)`), ";\n") {
			// one statement at a time: each takes every argument
			if _, err := db.Exec(q, now, c.admin.ID, c.wang.ID, c.zhao.ID, c.lin.ID); err != nil {
				return err
			}
		}
		return nil
	})
	var id int64
	c.write(func(tx *storage.Tx) error {
		var err error
		id, err = tx.CreateDispute(storage.Dispute{Building: "3", Summary: "楼上漏水的秘密经过", MediatorID: c.admin.ID, CreatedBy: c.admin.ID,
			Parties: []storage.DisputeParty{{MemberID: c.wang.ID, Name: "王阿姨"}, {Name: "陈先生"}}}, c.clock.Now())
		if err != nil {
			return err
		}
		_, err = tx.AddDisputeSession(storage.DisputeSession{DisputeID: id, HeldOn: c.clock.Now(), Notes: "双方的秘密笔记", RecordedBy: c.admin.ID}, c.clock.Now())
		return err
	})
	return id
}

func pmRow(t *testing.T, rows []any, i int) map[string]any {
	t.Helper()
	if len(rows) <= i {
		t.Fatalf("no row %d in %v", i, rows)
	}
	return rows[i].(map[string]any)
}

// /mydata has a section per new capability: the schedules and meetings one
// organised, one's answers, nominations with reasons, one's own votes (no
// counts), pledges with items, ratings given; a party to a dispute learns
// only that a record names them, staff get the records they keep.
func TestPMMyDataCalendarStarsPledgesMediation(t *testing.T) {
	c := newPledgeCast(t)
	c.pledgeMake(c.wang, "陪楼下张奶奶聊天\n教邻居用手机挂号", "已发布")
	dispute := c.pmSeed()

	doc := c.pdMyData(c.wang)
	if r := pmRow(t, pdSection(t, doc, "schedules_owned"), 0); r["text"] != "周一倒垃圾" || r["state"] != "paused" {
		t.Errorf("schedules %v", r)
	}
	if r := pmRow(t, pdSection(t, doc, "meetings_organised"), 0); r["title"] != "楼院议事会" || r["minutes"] != "决定修车棚" {
		t.Errorf("meetings %v", r)
	}
	if rs := pdSection(t, doc, "meeting_rsvps"); len(rs) != 1 || pmRow(t, rs, 0)["title"] != "Tea" {
		t.Errorf("rsvps %v", rs)
	}
	if r := pmRow(t, pdSection(t, doc, "star_nominations"), 0); r["reason"] != "每天扫楼梯" || r["candidate_name"] != "赵" {
		t.Errorf("nominations %v", r)
	}
	votes := pdSection(t, doc, "star_votes")
	if r := pmRow(t, votes, 0); len(votes) != 1 || r["candidate_id"] != float64(92) {
		t.Errorf("votes %v", votes)
	}
	if r := pmRow(t, votes, 0); r["votes"] != nil {
		t.Errorf("a vote row carries a count: %v", r)
	}
	if r := pmRow(t, pdSection(t, doc, "star_candidacies"), 0); r["winner"] != float64(1) || r["votes"] != nil {
		t.Errorf("candidacies %v", r)
	}
	if ps := pdSection(t, doc, "pledges"); len(ps) != 1 || pmRow(t, ps, 0)["period"] != "2026 H2" {
		t.Errorf("pledges %v", ps)
	}
	if items := pdSection(t, doc, "pledge_items"); len(items) != 2 || pmRow(t, items, 1)["text"] != "教邻居用手机挂号" {
		t.Errorf("items %v", items)
	}
	if rs := pdSection(t, doc, "pledge_ratings_given"); len(rs) != 1 || pmRow(t, rs, 0)["stars"] != float64(4) {
		t.Errorf("ratings %v", rs)
	}
	party := pdSection(t, doc, "mediation_party")
	if r := pmRow(t, party, 0); len(party) != 1 || r["dispute_id"] != float64(dispute) || r["created_at"] == nil || len(r) != 2 {
		t.Errorf("party %v", party)
	}
	if rs := pdSection(t, doc, "mediation_records"); len(rs) != 0 {
		t.Errorf("a party's copy has records: %v", rs)
	}
	if b, _ := json.Marshal(doc); strings.Contains(string(b), "秘密") || strings.Contains(string(b), "陈先生") {
		t.Errorf("a party's copy holds the record's contents: %s", b)
	}

	// Staff's copy: the record they keep, with its contents.
	sd := c.pdMyData(c.admin)
	if r := pmRow(t, pdSection(t, sd, "mediation_records"), 0); r["summary"] != "楼上漏水的秘密经过" || r["mediator"] != float64(1) {
		t.Errorf("staff's records %v", r)
	}
	if r := pmRow(t, pdSection(t, sd, "mediation_sessions"), 0); r["notes"] != "双方的秘密笔记" {
		t.Errorf("staff's sessions %v", r)
	}
	// Someone else's copy has none of it.
	if b, _ := json.Marshal(c.pdMyData(c.zhao)); strings.Contains(string(b), "秘密") || strings.Contains(string(b), "每天扫楼梯") {
		t.Errorf("赵's copy has others' data: %s", b)
	}
}

// A member who organised a meeting, voted, pledged, won a star and was a
// party to a dispute forgets themselves: the history still reads, with
// "removed" / "已删除" where their name was, and nothing holds their id.
func TestPMForgetKeepsHistoryWithRemoved(t *testing.T) {
	c := newPledgeCast(t)
	dispute := c.pmSeed()
	// Her pledge is written straight in: publishing one through the buttons
	// just before /forgetme leaves the answer to the question pending at
	// times (the same before these records were covered).
	c.pdSQL(func(db *sql.DB) error {
		_, err := db.Exec(`INSERT INTO pledges (id, period_id, member_id, created_at) VALUES (71, (SELECT id FROM pledge_periods), ?, ?);
			INSERT INTO pledge_items (pledge_id, pos, text) VALUES (71, 1, '陪楼下张奶奶聊天')`, c.wang.ID, c.clock.Now().UnixMilli())
		return err
	})

	c.say(c.wang, "/forgetme")
	ask := c.tg.WaitMessage(t, c.wang.ID, func(m telegramtest.Message) bool { return hasButton(m, "pv:forget") }, wait)
	c.tg.Press(c.wang, ask, "pv:forget")
	c.expect(c.wang.ID, "您的个人数据已删除")

	last := c.starLast(c.admin.ID)
	c.say(c.admin, "/stars history")
	c.starAfter(c.admin.ID, last, "", "removed (2 votes)")
	last = c.starLast(c.lin.ID)
	c.say(c.lin, "/stars history")
	c.starAfter(c.lin.ID, last, "", "已删除")

	last = c.starLast(c.admin.ID)
	c.say(c.admin, "/mediation "+itoa(dispute))
	m := c.starAfter(c.admin.ID, last, "", "陈先生")
	if !strings.Contains(m.Plain, "removed") || strings.Contains(m.Plain, "王阿姨") {
		t.Errorf("the record's parties after forgetting: %s", m.Plain)
	}
	last = c.starLast(c.admin.ID)
	c.say(c.admin, "/pledges")
	m = c.starAfter(c.admin.ID, last, "", "2026 H2")
	if !strings.Contains(m.Plain, "removed") || strings.Contains(m.Plain, "王阿姨") {
		t.Errorf("the pledges after forgetting: %s", m.Plain)
	}
	last = c.starLast(c.admin.ID)
	c.say(c.admin, "/meetings")
	c.starAfter(c.admin.ID, last, "", "楼院议事会")

	c.pdSQL(func(db *sql.DB) error {
		for q, want := range map[string]int{
			`SELECT count(*) FROM members WHERE id = ?1`:                           0,
			`SELECT count(*) FROM star_votes WHERE voter_id = ?1`:                  0,
			`SELECT count(*) FROM star_votes`:                                      0,
			`SELECT count(*) FROM meeting_rsvps WHERE member_id = ?1`:              0,
			`SELECT count(*) FROM pledge_ratings`:                                  0,
			`SELECT count(*) FROM meetings WHERE organiser_id < 0`:                 1,
			`SELECT count(*) FROM schedules WHERE owner_id < 0`:                    1,
			`SELECT count(*) FROM pledges WHERE member_id < 0`:                     1,
			`SELECT count(*) FROM star_candidates WHERE member_id < 0 AND winner`:  1,
			`SELECT count(*) FROM star_nominations WHERE nominator_id < 0`:         1,
			`SELECT count(*) FROM dispute_parties WHERE member_id < 0 AND name=''`: 1,
		} {
			var n int
			if err := db.QueryRow(q, c.wang.ID).Scan(&n); err != nil {
				return err
			}
			if n != want {
				t.Errorf("%s: %d, want %d", q, n, want)
			}
		}
		return nil
	})
}

// The new actions are in the audit log: schedules made and paused,
// meetings posted and cancelled, a star round opened and closed, a staff
// comment on a pledge, and each read and change of a dispute record.
func TestPMAuditNewActions(t *testing.T) {
	c := newCommunity(t)
	_, sid := c.calAdd(c.admin, "day", "9:00", "residents", "Daily notice", false)
	ctlS := c.calWait(c.admin.ID, 0, func(m telegramtest.Message) bool { return hasButton(m, "sc:p:"+itoa(sid)) })
	c.tg.Press(c.admin, ctlS, "sc:p:"+itoa(sid))
	c.tg.WaitMessage(t, c.admin.ID, func(m telegramtest.Message) bool { return m.ID == ctlS.ID && hasButton(m, "sc:r:"+itoa(sid)) }, wait)
	c.calPost(c.admin, c.calMeeting(c.admin, "Tea", "2026-03-20 19:30", "Hall", "Garden", false, "residents"))
	c.calPost(c.admin, c.calMeeting(c.admin, "Other", "2026-03-21 19:30", "Hall", "Garden", false, "residents"))
	c.calCancel(c.admin, 2)

	c.reportInPrivate(c.wang, "neighbours", "楼上每晚敲打")
	after := c.medLast(c.leader.ID)
	c.say(c.leader, "/ticket 1")
	tk := c.medNext(c.leader.ID, after, "#1")
	c.tg.Press(c.leader, tk, "md:tk:1")
	view := c.medNext(c.leader.ID, after, "评理室记录 #1")
	after = c.medLast(c.leader.ID)
	c.tg.Press(c.leader, view, "md:oc:1")
	ask := c.medNext(c.leader.ID, after, "评理室记录 #1 的结果是")
	c.tg.Press(c.leader, ask, "md:out:1:settled")
	c.expectAnswer("结果已记录")

	for action, want := range map[string][]string{
		"schedule":  {"schedule.create", "schedule.pause", "sch:" + itoa(sid)},
		"meeting":   {"meeting.post", "meeting.cancel", "mt:1", "mt:2"},
		"mediation": {"mediation.create", "mediation.read", "mediation.outcome", "settled", "d:1"},
	} {
		last := c.calLast(c.admin.ID)
		c.say(c.admin, "/audit "+action)
		c.calText(c.admin.ID, last, append([]string{"Audit log"}, want...)...)
	}
	// The record's contents never go into the log.
	c.pdSQL(func(db *sql.DB) error {
		var n int
		if err := db.QueryRow(`SELECT count(*) FROM audit WHERE detail LIKE '%敲打%'`).Scan(&n); err != nil || n != 0 {
			t.Errorf("the audit log holds a record's contents: %d %v", n, err)
		}
		return nil
	})
}

// Opening a star round is staff's action; its close, the clock's.
func TestPMAuditStarRound(t *testing.T) {
	c := newStarCast(t, nil)
	c.starOpen("3", "3")
	c.starAdvance(3*starDay + time.Minute) // nobody nominated: it closes
	last := c.starLast(c.admin.ID)
	c.say(c.admin, "/audit stars")
	c.starAfter(c.admin.ID, last, "", "stars.open")
	m := c.starAfter(c.admin.ID, last, "", "stars.close")
	if !strings.Contains(m.Plain, "the bot (scheduled)") || !strings.Contains(m.Plain, "Boss") {
		t.Errorf("who opened and closed the round: %s", m.Plain)
	}
}
