package privacy

import (
	"encoding/json"

	"courtyard/commands/core"
	"courtyard/storage"
	"courtyard/telegram"
)

// dataSection is one capability's part of a member's copy of their data:
// a name and anything that marshals to JSON. A capability that stores
// something about people adds its sections to dataSections.
type dataSection func(tx *storage.Tx, memberID int64) (name string, data any, err error)

// records is a section read by storage.MemberRecords.
func (a *Privacy) records(section string) dataSection {
	return func(tx *storage.Tx, id int64) (string, any, error) {
		rows, err := tx.MemberRecords(section, id, a.Loc)
		return section, rows, err
	}
}

// dataSections lists every section of /mydata, in order.
func (a *Privacy) dataSections() []dataSection {
	var out []dataSection
	for _, s := range []string{
		"profile", "buildings_led", "role_history", "private_chat", "flow",
		"tickets_reported", "ticket_events", "tickets_followed", "tickets_assigned",
		"teams", "team_requests", "hours",
		"job_signups", "job_attendance", "jobs_organised",
		"patrol_duty",
		"announcements_acked", "announcements_sent",
		"care_visits", "care_assigned",
		"schedules_owned", "meetings_organised", "meeting_rsvps", "calendar_link",
		"star_nominations", "star_votes", "star_candidacies",
		"pledges", "pledge_items", "pledge_ratings_given",
		"mediation_party", "mediator",
		"audit",
	} {
		out = append(out, a.records(s))
	}
	return append(out, a.careLogSection, a.mediationSection("mediation_records"), a.mediationSection("mediation_sessions"))
}

// mediationSection: the contents of dispute records are in the copy of
// those who may read them only (staff: the records they created, mediated
// or wrote sessions of; a mediator: those of records they mediate). A party
// finds only that a record names them (mediation_party).
func (a *Privacy) mediationSection(section string) dataSection {
	return func(tx *storage.Tx, id int64) (string, any, error) {
		m, err := tx.Member(id)
		if err != nil {
			return "", nil, err
		}
		if a.RoleOf(m).Rank() >= storage.RoleStaff.Rank() {
			return a.records(section)(tx, id)
		}
		mediated, err := tx.MemberRecords("mediation_records", id, a.Loc)
		if err != nil {
			return "", nil, err
		}
		own := map[any]bool{}
		for _, d := range mediated {
			if d["mediator"] == int64(1) {
				own[d["dispute_id"]] = true
			}
		}
		rows, err := tx.MemberRecords(section, id, a.Loc)
		if err != nil {
			return "", nil, err
		}
		out := []map[string]any{}
		for _, row := range rows {
			if own[row["dispute_id"]] {
				out = append(out, row)
			}
		}
		return section, out, nil
	}
}

// careLogSection: the care list's records are in staff's copy only (their
// own reads and changes of households); for anyone else it is empty.
func (a *Privacy) careLogSection(tx *storage.Tx, id int64) (string, any, error) {
	m, err := tx.Member(id)
	if err != nil {
		return "", nil, err
	}
	if a.RoleOf(m).Rank() < storage.RoleStaff.Rank() {
		return "care_log", []any{}, nil
	}
	return a.records("care_log")(tx, id)
}

// myData: /mydata sends the caller, in private, everything stored about
// them as one JSON document.
func (a *Privacy) myData(r *core.Req) error {
	doc := map[string]any{
		"member_id":    r.Me.ID,
		"generated_at": r.Now.In(a.Loc).Format("2006-01-02T15:04:05Z07:00"),
		"community":    a.Cfg.Community.Name,
		"role":         r.Role, // administrators come from the configuration
	}
	sections := map[string]any{}
	for _, s := range a.dataSections() {
		name, data, err := s(r.Tx, r.Me.ID)
		if err != nil {
			return err
		}
		sections[name] = data
	}
	doc["sections"] = sections
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return err
	}
	p := telegram.SendDocument{ChatID: r.Chat.ID, Caption: r.T("mydata.caption")}
	_, err = r.Tx.Enqueue(storage.OutMsg{ChatID: r.Chat.ID, Method: "sendDocument", Payload: telegram.Marshal(p),
		Priority: storage.PriorityReply, FileName: "mydata-" + core.Itoa(r.Me.ID) + ".json", FileData: data}, r.Now)
	return err
}
