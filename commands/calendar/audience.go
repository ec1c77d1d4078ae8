package calendar

import (
	"courtyard/commands/core"
	"courtyard/storage"
)

// audSel is who a scheduled notice or a meeting goes to: one of the
// announcement audiences, with its buildings or team.
type audSel struct {
	Audience  string   `json:"audience,omitempty"`
	Buildings []string `json:"buildings,omitempty"`
	TeamID    int64    `json:"team,omitempty"`
}

func (s audSel) groups() bool {
	return s.Audience == storage.AudienceGroups || s.Audience == storage.AudienceBuildingGroups
}

// asAnnouncement is the selection in the shape the announcement code reads.
func (s audSel) asAnnouncement() storage.Announcement {
	return storage.Announcement{Audience: s.Audience, Buildings: s.Buildings, TeamID: s.TeamID}
}

// mayScheduleFor is the one rule for who may schedule a notice or a meeting
// to an audience: the announcement rule (staff anything, leaders their own
// buildings' groups and residents).
func (a *Calendar) mayScheduleFor(r *core.Req, s audSel) bool {
	return s.Audience != "" && a.announce.MayAnnounce(r, s.asAnnouncement())
}
